//! Parallel phrases and chains: "peace without war, development without
//! poverty, …", "when able to attack, we must seem unable; when using our
//! forces, we must seem inactive", "A brings B, B breeds C, and C produces D".

use super::candidate::{prior, Candidate};
use super::frame::{resolve, trim_around, GAP};
use super::gaps::At;
use super::text::{self, fold, is_stop, words, Stems};
use crate::model::CardKind;

fn chunks(s: &str, seps: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if seps.contains(&c) {
            out.push((start, i));
            start = i + c.len_utf8();
        }
    }
    out.push((start, s.len()));
    out.into_iter()
        .map(|(a, b)| {
            let t = &s[a..b];
            let lead = t.len() - t.trim_start().len();
            let t2 = t.trim();
            let t2 = t2.trim_end_matches(['.', '!', '?', '"', '\u{201d}']);
            (a + lead, a + lead + t2.len())
        })
        .filter(|(a, b)| a < b)
        .collect()
}

pub(super) fn make(
    at: At<'_>,
    gaps: &[(usize, usize)],
    ordered: bool,
    score: f64,
    origin: &'static str,
) -> Option<Candidate> {
    let s = at.text;
    // gaps in text order, none overlapping (a one-word clause can be both
    // the end of one link and the start of the next)
    let mut gaps: Vec<(usize, usize)> = gaps.to_vec();
    gaps.sort_unstable();
    gaps.dedup();
    let mut end = 0;
    gaps.retain(|&(a, b)| {
        let keep = a >= end && a < b;
        if keep {
            end = b;
        }
        keep
    });
    let first = *gaps.first()?;
    let mut items: Vec<String> = Vec::new();
    // one answer per gap (a repeated answer would be typed twice)
    for &(a, b) in &gaps {
        let it = s[a..b].to_string();
        if !items.iter().any(|x| fold(x) == fold(&it)) {
            items.push(it);
        }
    }
    if items.len() != gaps.len() {
        return None;
    }
    let mut body = String::new();
    let mut last = first.0;
    for &(a, b) in &gaps {
        body.push_str(&s[last..a]);
        body.push_str(GAP);
        last = b;
    }
    let (before, after) = trim_around(&s[..first.0], &s[last..]);
    let front = text::squash(&format!("{before}{body}{after}"));
    let front = if front.starts_with(GAP) {
        front
    } else {
        match resolve(&front, at.prev) {
            Some(f) => f,
            // "This region starts at about ___ … up to about ___": the
            // sentence before names the region
            None => {
                let whole = format!("{}{body}{}", &s[..first.0], &s[last..]);
                let answers: Vec<&str> = items.iter().map(String::as_str).collect();
                super::frame::with_prev_gapped(&whole, &answers, at.prev?)?
            }
        }
    };
    Some(Candidate {
        kind: CardKind::Cloze,
        front: super::frame::with_prefix(at.prefix, &text::capitalise(&front)),
        back: String::new(),
        items,
        ordered,
        block: at.block,
        sentence: at.sentence,
        locator: at.locator.to_string(),
        context: s.to_string(),
        score,
        origin,
    })
}

/// "X without Y" (or any function word) repeated in three or more chunks.
pub fn frames(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let cs = chunks(s, &[',', ';']);
    if cs.len() < 3 {
        return;
    }
    // connector -> gaps (the words after it, at the end of each chunk)
    let tail_conn = |w: &[text::Word<'_>]| -> Option<usize> {
        // a function word among the last four words, with 1-3 words after it
        (w.len().saturating_sub(4).max(1)..w.len().saturating_sub(1))
            .rev()
            .find(|&k| {
                let c = fold(w[k].text);
                is_stop(&c) && !matches!(c.as_str(), "and" | "or" | "the" | "a" | "an" | "of")
            })
    };
    // each chunk's connector and gap, found once
    let tails: Vec<(String, (usize, usize))> = cs
        .iter()
        .filter_map(|&(a, b)| {
            let w = words(&s[a..b]);
            let k = tail_conn(&w)?;
            Some((
                fold(w[k].text),
                (a + w[k + 1].start, a + w[w.len() - 1].end),
            ))
        })
        .collect();
    let mut best: Option<(String, Vec<(usize, usize)>)> = None;
    let mut seen: Vec<&str> = Vec::new();
    for (conn, _) in &tails {
        if seen.contains(&conn.as_str()) {
            continue;
        }
        seen.push(conn);
        let gaps: Vec<(usize, usize)> = tails
            .iter()
            .filter(|(c, _)| c == conn)
            .map(|(_, g)| *g)
            .collect();
        if gaps.len() >= 3 && best.as_ref().is_none_or(|b| gaps.len() > b.1.len()) {
            best = Some((conn.clone(), gaps));
        }
    }
    if let Some((_, gaps)) = best {
        if let Some(c) = make(at, &gaps, false, prior::PARALLEL, "parallel") {
            out.push(c);
        }
    }
}

/// Clauses sharing a phrase: "we must seem unable; … we must seem inactive".
pub fn shared_phrase(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let cs = chunks(s, &[';']);
    if cs.len() < 2 {
        return;
    }
    let clause_words: Vec<Vec<text::Word<'_>>> = cs.iter().map(|&(a, b)| words(&s[a..b])).collect();
    for n in (2..=4).rev() {
        // n-grams ending a clause up to 3 words before its end
        let mut found: Vec<(String, Vec<(usize, usize)>)> = Vec::new();
        for (ci, w) in clause_words.iter().enumerate() {
            if w.len() < n + 1 {
                continue;
            }
            for start in w.len().saturating_sub(n + 3)..=w.len() - n - 1 {
                let gram: Vec<String> = w[start..start + n].iter().map(|x| fold(x.text)).collect();
                if gram.iter().all(|g| is_stop(g)) {
                    continue;
                }
                let key = gram.join(" ");
                let base = cs[ci].0;
                let gap = (base + w[start + n].start, base + w[w.len() - 1].end);
                match found.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => {
                        if !v.iter().any(|g| g.0 >= base && g.1 <= cs[ci].1) {
                            v.push(gap)
                        }
                    }
                    None => found.push((key, vec![gap])),
                }
            }
        }
        if let Some((_, gaps)) = found.into_iter().find(|(_, v)| v.len() >= 2) {
            if gaps.iter().all(|&(a, b)| text::word_count(&s[a..b]) <= 3) {
                if let Some(c) = make(at, &gaps, false, prior::PARALLEL, "shared-phrase") {
                    out.push(c);
                }
            }
            return;
        }
    }
}

/// Chains: each clause starts with the word the previous one ended with.
pub fn chains(at: At<'_>, stems: &Stems, out: &mut Vec<Candidate>) {
    let s = at.text;
    let cs = chunks(s, &[',', ';']);
    if cs.len() < 3 {
        return;
    }
    let mut best: Vec<(usize, usize)> = Vec::new();
    let mut run: Vec<(usize, usize)> = Vec::new();
    for pair in cs.windows(2) {
        let (a1, b1) = pair[0];
        let (a2, b2) = pair[1];
        let w1 = words(&s[a1..b1]);
        let w2: Vec<_> = words(&s[a2..b2])
            .into_iter()
            .filter(|w| !matches!(fold(w.text).as_str(), "and" | "or" | "then"))
            .collect();
        let (Some(end1), Some(start2)) = (w1.last(), w2.first()) else {
            run.clear();
            continue;
        };
        if w1.len() <= 5
            && w2.len() <= 5
            && !is_stop(end1.text)
            && stems.stem(end1.text) == stems.stem(start2.text)
        {
            if run.is_empty() {
                run.push((a1 + end1.start, a1 + end1.end));
            }
            let last2 = w2.last().unwrap_or(start2);
            run.push((a2 + start2.start, a2 + start2.end));
            run.push((a2 + last2.start, a2 + last2.end));
        } else {
            if run.len() > best.len() {
                best = std::mem::take(&mut run);
            }
            run.clear();
        }
    }
    if run.len() > best.len() {
        best = run;
    }
    // elements: first + (start, end) per link, so ≥ 2 links = 5 spans.
    // Each link's repeated start becomes "which" ("Diversity brings ___,
    // which breeds ___, which produces ___"), so every gap is a new word.
    if best.len() >= 5 {
        let mut text = String::with_capacity(s.len());
        let mut gaps = vec![best[0]];
        let mut last = 0;
        for pair in best[1..].chunks(2) {
            let [(sa, sb), (ea, eb)] = *pair else { break };
            // drop an "and" right before the repeated word
            let mut cut = sa;
            let lead = s[last..sa].trim_end();
            if let Some(l) = lead.strip_suffix("and") {
                if l.ends_with([' ', ',']) {
                    cut = last + l.trim_end().len();
                }
            }
            text.push_str(&s[last..cut]);
            if !text.ends_with(' ') {
                text.push(' ');
            }
            text.push_str("which");
            let shift = text.len() as isize - sb as isize;
            last = sb;
            gaps.push((
                (ea as isize + shift) as usize,
                (eb as isize + shift) as usize,
            ));
        }
        text.push_str(&s[last..]);
        let at2 = At { text: &text, ..at };
        if let Some(mut c) = make(at2, &gaps, true, prior::CHAIN, "chain") {
            c.context = s.to_string();
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> At<'_> {
        At {
            block: 0,
            sentence: 0,
            locator: "x",
            text: s,
            prev: None,
            prefix: None,
            toks: &[],
        }
    }

    #[test]
    fn without_frames() {
        let mut out = Vec::new();
        frames(at("The core is peace without war, development without poverty, cooperation without confrontation, win-win without single win."), &mut out);
        assert_eq!(
            out[0].items,
            vec!["war", "poverty", "confrontation", "single win"]
        );
        assert!(!out[0].front.contains("poverty"));
    }

    #[test]
    fn shared_phrases() {
        let mut out = Vec::new();
        shared_phrase(at("Hence, when able to attack, we must seem unable; when using our forces, we must seem inactive; when we are near, we must make the enemy believe we are far away."), &mut out);
        assert_eq!(out[0].items, vec!["unable", "inactive"]);
    }

    #[test]
    fn chain() {
        let mut out = Vec::new();
        chains(at("Diversity brings communication, communication breeds integration, and integration produces progress."), &Stems::default(), &mut out);
        assert_eq!(
            out[0].items,
            vec!["communication", "integration", "progress"]
        );
        assert_eq!(
            out[0].front,
            "Diversity brings ___, which breeds ___, which produces ___."
        );
        assert!(out[0].ordered);
    }
}
