//! Lists found by grammar rather than by commas alone: coordinated series of
//! parallel phrases of one kind, with item boundaries from the tagger.
//!
//! - noun phrases: "the landed interest, a manufacturing interest, a
//!   mercantile interest and a moneyed interest" (items without their
//!   determiners), also with no commas at all ("freedom of speech and belief
//!   and freedom from fear and want" gives two items when both halves are
//!   whole noun phrases);
//! - verb phrases: "projects do not work well, are delivered late, or are
//!   over budget";
//! - "the one, …; the other, …" and "first …, second …" clause pairs.
//!
//! Each result is a [`lists::Found`], so list questions are worded in one
//! place (`list_cards`).

use super::definitions::rarity;
use super::lists::Found;
use super::nlp::{noun_phrases, Token};
use super::text::{fold, word_count};

/// Longest item, in words.
const MAX_ITEM_WORDS: usize = 6;

fn sep_kind(gap: &str) -> Option<bool> {
    // Some(true) = a closing "and"/"or"; Some(false) = a plain comma
    let g = gap.trim();
    match fold(g).as_str() {
        "," => Some(false),
        ", and" | ", or" | "and" | "or" | ", nor" | "nor" => Some(true),
        _ => None,
    }
}

fn joined_plain(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

fn clean_item(s: &str) -> String {
    s.trim()
        .trim_end_matches([',', '.', ';', ':'])
        .trim()
        .to_string()
}

/// Series of three or more noun phrases joined by commas and a final
/// "and"/"or", or two long noun phrases joined by "and".
fn noun_series(s: &str, toks: &[Token<'_>], out: &mut Vec<Found>) {
    let nps = noun_phrases(s, toks);
    let mut i = 0;
    while i < nps.len() {
        // "During colder climatic periods, more ice caps and glaciers
        // form": the object of an opening preposition is the sentence's
        // setting, not an item
        let opener = toks.first().is_some_and(|t| t.tag.name() == "IN")
            && toks[..nps[i].first].iter().all(|t| {
                matches!(
                    t.tag.name(),
                    "IN" | "DT" | "JJ" | "JJR" | "JJS" | "RB" | "RBR" | "PRP$" | "CD"
                )
            });
        if opener {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut closed = false;
        while j + 1 < nps.len() {
            let gap = &s[toks[nps[j].last].end..toks[nps[j + 1].first].start];
            match sep_kind(gap) {
                Some(last) => {
                    j += 1;
                    if last {
                        closed = true;
                        break;
                    }
                }
                None => break,
            }
        }
        let n = j + 1 - i;
        let items: Vec<&str> = nps[i..=j].iter().map(|p| &s[p.start..p.end]).collect();
        // two long phrases with one head ("freedom of speech and belief and
        // freedom from fear and want"); other pairs are often one phrase
        // whose modifiers are coordinated ("consumer and enterprise software")
        let long_pair = n == 2
            && items.iter().all(|x| word_count(x) >= 3)
            && fold(toks[nps[i].head].text) == fold(toks[nps[j].head].text);
        // "a landed interest, a manufacturing interest, a mercantile
        // interest, …": one head noun repeated makes a list without "and"
        let head = |k: usize| {
            fold(toks[nps[k].head].text)
                .trim_end_matches('s')
                .to_string()
        };
        let same_head = n >= 3 && (i..=j).all(|k| head(k) == head(i));
        // "Athens, Sparta, Corinth, Thebes, Samos, Miletus": names in a row
        let names = n >= 4
            && (i..=j).all(|k| nps[k].core == nps[k].last && toks[nps[k].head].tag.is_proper());
        let same_head = same_head || names;
        // "Fine words and an insinuating appearance", "the stack and the
        // heap": two whole phrases joined by a bare "and"/"or", each with a
        // determiner or two words (so "consumer and enterprise software",
        // one phrase with coordinated modifiers, is no pair), naming
        // something rarer than everyday words
        let gap = if n == 2 {
            s.get(toks[nps[i].last].end..toks[nps[j].first].start)
                .unwrap_or("")
        } else {
            ""
        };
        let whole = |k: usize| {
            nps[k].first < nps[k].core
                || word_count(items[k - i]) >= 2
                || toks[nps[k].head].tag.is_proper()
        };
        // "the terms of Senators and Representatives": the "and" joins the
        // "of" phrase, not two phrases of the sentence
        let inside_of = n == 2
            && items[0].contains(" of ")
            && nps[j].first == nps[j].core
            && !toks[nps[j].head].tag.is_proper()
            || n == 2 && items[0].contains(" of ") && word_count(items[1]) <= 2;
        // "the nature and cause of the accusation", "preventive and
        // enforcement action": a bare first word shares the second's head
        // or "of" phrase
        let shared = n == 2
            && word_count(items[0]) == 1
            && word_count(items[1]) >= 2
            && !toks[nps[i].head].tag.is_proper()
            || n == 2
                && nps[i].first < nps[i].core
                && nps[j].first == nps[j].core
                && !matches!(
                    fold(toks[nps[i].first].text).as_str(),
                    "both" | "either" | "neither"
                );
        // "not intended for employee use and employer has …": after a
        // preposition, a second phrase followed by a verb opens a clause
        let clause = n == 2
            && nps[i].first > 0
            && toks[nps[i].first - 1].tag.name() == "IN"
            && !matches!(
                fold(toks[nps[i].first - 1].text).as_str(),
                "that" | "because" | "if" | "whether" | "while" | "although" | "since" | "unless"
            )
            && toks.get(nps[j].last + 1).is_some_and(|t| {
                matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD")
                    && joined_plain(&s[toks[nps[j].last].end..t.start])
            });
        // "the Belt and Road Initiative and further deepen the …": a first
        // phrase after "and" belongs to the coordination before it, and a
        // "noun" with a determiner right after it is a verb
        let tail_of_coordination = n == 2
            && nps[i].first > 0
            && matches!(fold(toks[nps[i].first - 1].text).as_str(), "and" | "or");
        let verb_like = n == 2
            && toks.get(nps[j].last + 1).is_some_and(|t| {
                t.tag.is_determiner() && joined_plain(&s[toks[nps[j].last].end..t.start])
            });
        let plain_pair = n == 2
            && !tail_of_coordination
            && !verb_like
            && !inside_of
            && !shared
            && !clause
            && matches!(fold(gap.trim()).as_str(), "and" | "or")
            && whole(i)
            && whole(j)
            && items.iter().all(|x| rarity(x) <= 5.5)
            && items.iter().any(|x| rarity(x) <= 4.3);
        if (closed || same_head)
            && (n >= 3 || long_pair || plain_pair)
            && items.iter().all(|x| word_count(x) <= MAX_ITEM_WORDS)
        {
            out.push(Found {
                start: nps[i].start,
                end: nps[j].end,
                items: items.iter().map(|x| clean_item(x)).collect(),
                spans: nps[i..=j].iter().map(|p| (p.start, p.end)).collect(),
                numbered: false,
                counted: false,
            });
            i = j + 1;
        } else {
            i += 1;
        }
    }
}

/// "X do not work well, are delivered late, or are over budget": three or
/// more comma-separated segments that each open with a verb.
fn verb_series(s: &str, toks: &[Token<'_>], out: &mut Vec<Found>) {
    // segments between commas (and a final ", and/or")
    let mut cuts: Vec<usize> = vec![0];
    for (k, c) in s.char_indices() {
        if c == ',' || c == ';' {
            cuts.push(k);
        }
    }
    cuts.push(s.len());
    if cuts.len() < 4 {
        return;
    }
    let segs: Vec<(usize, usize)> = cuts
        .windows(2)
        .map(|w| (if w[0] == 0 { 0 } else { w[0] + 1 }, w[1]))
        .collect();
    let opens_with_verb = |a: usize, b: usize| -> Option<usize> {
        let first = toks.iter().find(|t| t.start >= a && t.end <= b)?;
        // a closing "and"/"or" opens the last segment; the verb follows it
        let first = match fold(first.text).as_str() {
            "and" | "or" => toks.iter().find(|t| t.start > first.start && t.end <= b)?,
            _ => first,
        };
        (first.tag.is_verb() && !first.tag.is_participle() || first.tag.name() == "MD")
            .then_some(first.start)
    };
    // the longest run of verb-opened segments that ends with "and"/"or"
    let mut k = 1;
    while k < segs.len() {
        let mut run = Vec::new();
        let mut m = k;
        while m < segs.len() {
            let (a, b) = segs[m];
            match opens_with_verb(a, b) {
                Some(st) => run.push((st, b)),
                None => break,
            }
            m += 1;
        }
        let closes = run.last().is_some_and(|&(st, _)| {
            let before = fold(s[..st].trim_end());
            before.ends_with(" and") || before.ends_with(" or") || before.ends_with(",and")
        });
        if run.len() >= 2 && closes {
            // the segment before the run holds the subject and the first verb phrase
            let (a0, b0) = segs[k - 1];
            let first_verb = toks
                .iter()
                .filter(|t| t.start >= a0 && t.end <= b0)
                .find(|t| t.tag.is_verb() || t.tag.name() == "MD");
            if let Some(v) = first_verb {
                // auxiliaries ("do not") stay in the item
                let mut spans = vec![(v.start, b0)];
                spans.extend(run.iter().copied());
                let items: Vec<String> = spans
                    .iter()
                    .map(|&(a, b)| {
                        let t = clean_item(&s[a..b]);
                        t.strip_prefix("and ")
                            .or_else(|| t.strip_prefix("or "))
                            .unwrap_or(&t)
                            .to_string()
                    })
                    .collect();
                if items
                    .iter()
                    .all(|x| (1..=MAX_ITEM_WORDS).contains(&word_count(x)))
                {
                    let end = spans.last().map_or(s.len(), |x| x.1);
                    let end = s[..end].trim_end_matches(['.', ' ']).len();
                    out.push(Found {
                        start: v.start,
                        end,
                        items,
                        spans,
                        numbered: false,
                        counted: false,
                    });
                    return;
                }
            }
        }
        k = m.max(k) + 1;
    }
}

/// "The employer shall mount, locate and identify them": bare verbs after a
/// modal, joined by commas and a final "and"/"or", that share one object.
fn bare_verbs(s: &str, toks: &[Token<'_>], out: &mut Vec<Found>) {
    let is_vb = |t: &Token<'_>| t.tag.name() == "VB";
    for m in 0..toks.len() {
        if toks[m].tag.name() != "MD" {
            continue;
        }
        let mut k = m + 1;
        while toks.get(k).is_some_and(|t| t.tag.is_adverb()) {
            k += 1;
        }
        let mut spans = Vec::new();
        let mut closed = false;
        while let Some(t) = toks.get(k).filter(|t| is_vb(t)) {
            spans.push((t.start, t.end));
            let Some(next) = toks.get(k + 1) else { break };
            let gap = &s[t.end..next.start];
            match (gap.trim(), fold(next.text).as_str()) {
                (",", "and" | "or") => {
                    closed = true;
                    k += 2;
                }
                ("", "and" | "or") => {
                    closed = true;
                    k += 2;
                }
                (",", _) if !closed => k += 1,
                _ => break,
            }
            if closed {
                if let Some(last) = toks.get(k).filter(|t| is_vb(t)) {
                    spans.push((last.start, last.end));
                }
                break;
            }
        }
        // three verbs or more, then their shared object
        let object = spans
            .last()
            .and_then(|&(_, e)| toks.iter().find(|t| t.start >= e))
            .is_some_and(|t| t.tag.is_noun() || t.tag.is_determiner() || t.tag.name() == "PRP");
        if closed && spans.len() >= 3 && object {
            let items = spans.iter().map(|&(a, b)| s[a..b].to_string()).collect();
            out.push(Found::at_spans(items, spans, false));
            return;
        }
    }
}

/// "…: the one, by removing its causes; the other, by controlling its
/// effects." and "first …; second …": a pair or series of clauses opened
/// by ordinal markers.
fn marked_clauses(s: &str, out: &mut Vec<Found>) {
    const MARKS: &[&[&str]] = &[
        &["the one", "the other"],
        &["first", "second", "third", "fourth", "fifth"],
        &["firstly", "secondly", "thirdly", "fourthly"],
    ];
    let f = fold(s);
    if f.len() != s.len() {
        return; // byte offsets must agree
    }
    for marks in MARKS {
        let mut at = Vec::new();
        let mut from = 0;
        for m in marks.iter() {
            let pat = format!(" {m}, ");
            match f[from..].find(&pat) {
                Some(p) => {
                    at.push((from + p + 1, from + p + pat.len()));
                    from = from + p + pat.len();
                }
                None => break,
            }
        }
        if at.len() < 2 {
            continue;
        }
        let mut spans = Vec::new();
        for (k, &(_, body)) in at.iter().enumerate() {
            let end = match at.get(k + 1) {
                Some(&(next, _)) => next,
                None => s[body..].find(['.', ';']).map_or(s.len(), |p| body + p),
            };
            spans.push((body, end));
        }
        let items: Vec<String> = spans.iter().map(|&(a, b)| clean_item(&s[a..b])).collect();
        if items
            .iter()
            .all(|x| (1..=MAX_ITEM_WORDS + 2).contains(&word_count(x)))
        {
            out.push(Found {
                start: at[0].0,
                end: spans.last().map_or(s.len(), |x| x.1),
                items,
                spans,
                numbered: true,
                counted: false,
            });
            return;
        }
    }
}

/// Series the comma-based finder may miss in a tagged sentence, left to
/// right, not overlapping each other (callers drop those that overlap its
/// lists).
pub fn find_tagged(s: &str, toks: &[Token<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    marked_clauses(s, &mut out);
    noun_series(s, toks, &mut out);
    verb_series(s, toks, &mut out);
    bare_verbs(s, toks, &mut out);
    out.sort_by_key(|f| f.start);
    let mut kept: Vec<Found> = Vec::new();
    for f in out {
        if kept.last().is_none_or(|k| k.end <= f.start) {
            kept.push(f);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    fn items(s: &str) -> Vec<Vec<String>> {
        find_tagged(s, &tag(s))
            .into_iter()
            .map(|f| f.items)
            .collect()
    }

    #[test]
    fn bare_verbs_after_a_modal_are_a_list() {
        assert_eq!(
            items("The employer shall provide extinguishers and shall mount, locate and identify them so that they are accessible."),
            vec![vec!["mount", "locate", "identify"]]
        );
        // two verbs are a pair, not a list
        assert!(
            items("The employer shall mount and identify them so that they are accessible.")
                .is_empty()
        );
    }

    #[test]
    fn noun_phrases_in_a_series() {
        let got = items("A landed interest, a manufacturing interest, a mercantile interest, a moneyed interest, with many lesser interests, grow up of necessity in civilized nations.");
        assert!(
            got.iter()
                .any(|l| l.len() == 4 && l[0] == "landed interest"),
            "{got:?}"
        );
    }

    #[test]
    fn two_whole_phrases_make_a_pair_but_shared_modifiers_do_not() {
        let pair = |s: &str| items(s).into_iter().any(|l| l.len() == 2);
        assert!(pair(
            "The Master said that fine words and an insinuating appearance are seldom associated with true virtue."
        ));
        assert!(pair(
            "Many programming languages don't require you to think about the stack and the heap very often."
        ));
        // one phrase with coordinated modifiers, or a shared "of" phrase
        assert!(!pair("They sell consumer and enterprise software."));
        assert!(!pair(
            "He is informed of the nature and cause of the accusation."
        ));
        assert!(!pair(
            "The terms of Senators and Representatives end at noon."
        ));
        // inside a name's coordination, or a verb after the "and"
        assert!(!pair(
            "We must push forward the construction of the Belt and Road Initiative and further deepen the opening-up pattern."
        ));
        // the second phrase opens a clause
        assert!(!pair(
            "Extinguishers not intended for employee use and employer has a plan are exempt."
        ));
    }

    #[test]
    fn verb_phrases_in_a_series() {
        let got = items("Today, too many of our projects do not work well, are delivered late, or are over budget.");
        assert!(
            got.contains(&vec![
                "do not work well".to_string(),
                "are delivered late".into(),
                "are over budget".into()
            ]),
            "{got:?}"
        );
    }

    #[test]
    fn an_opening_setting_is_no_item() {
        let got = items(
            "During colder climatic periods, more ice caps and glaciers form, and ice accumulates.",
        );
        assert!(
            !got.iter()
                .any(|x| x.contains(&"climatic periods".to_string())),
            "{got:?}"
        );
    }

    #[test]
    fn the_one_and_the_other() {
        let got = items("There are two methods of curing the mischiefs of faction: the one, by removing its causes; the other, by controlling its effects.");
        assert!(
            got.contains(&vec![
                "by removing its causes".to_string(),
                "by controlling its effects".into()
            ]),
            "{got:?}"
        );
    }
}
