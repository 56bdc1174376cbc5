//! Several gaps where the text coordinates its terms: a pair ("Tyre and
//! Sidon", "neither slavery nor involuntary servitude", "bulk downloads
//! and APIs") and clauses joined by "nor" ("Excessive bail shall not be
//! required, nor excessive fines imposed, nor cruel and unusual
//! punishments inflicted"). One card asks for all of them: a single gap
//! would show its partner, or cut the coordination in half.

use super::candidate::{prior, Candidate};
use super::gaps::{At, Term};
use super::parallel::make;
use super::text::{self, fold};

/// Longest stretch from the first gap to the last, in words.
const MAX_SPAN_WORDS: usize = 30;

/// Whether the text between two terms joins them: "and", "or", "nor",
/// with an optional comma before and an article after.
fn joins(between: &str) -> bool {
    let w: Vec<String> = between
        .split_whitespace()
        .map(fold)
        .filter(|x| x != ",")
        .collect();
    let w: Vec<&str> = w.iter().map(|x| x.trim_start_matches(',')).collect();
    match w.as_slice() {
        [c] => matches!(*c, "and" | "or" | "nor"),
        [c, d] => matches!(*c, "and" | "or" | "nor") && matches!(*d, "the" | "a" | "an"),
        _ => false,
    }
}

/// A comma or conjunction and a term right next to `t` on either side
/// makes it part of a longer list, which the list finders ask for whole.
fn in_longer_list(s: &str, terms: &[Term], a: &Term, b: &Term) -> bool {
    let before = s[..a.start].trim_end();
    let after = s[b.end..].trim_start();
    let listed_before = terms.iter().any(|t| {
        t.end <= a.start && {
            let mid = s[t.end..a.start].trim();
            mid == "," || joins(mid)
        }
    }) || before.ends_with(',') && before.len() > 1;
    let listed_after = after.starts_with(',')
        && terms.iter().any(|t| {
            t.start >= b.end && {
                let mid = s[b.end..t.start].trim().trim_start_matches(',').trim();
                mid.is_empty() || joins(mid)
            }
        });
    listed_before || listed_after
}

/// Pairs of terms joined by a conjunction: one card with both blanked.
pub fn pairs(at: At<'_>, terms: &[Term], out: &mut Vec<Candidate>) {
    let s = at.text;
    if s.trim_end().ends_with('?') || text::word_count(s) < 6 {
        return;
    }
    for (i, a) in terms.iter().enumerate() {
        let Some(b) = terms[i + 1..].iter().find(|b| b.start >= a.end) else {
            continue;
        };
        if !joins(&s[a.end..b.start]) || in_longer_list(s, terms, a, b) {
            continue;
        }
        // two everyday-ish words joined are a phrase, not two facts
        if a.score + b.score < 2.0 {
            continue;
        }
        // "processes including erosion and sedimentation": the pair is the
        // examples, and the first term runs over their cue
        let cue = |t: &Term| {
            let f = fold(&s[t.start..t.end]);
            f.contains(" including ") || f.contains(" such as ") || f.contains(" like ")
        };
        if cue(a) || cue(b) {
            continue;
        }
        let (fa, fb) = (fold(&s[a.start..a.end]), fold(&s[b.start..b.end]));
        // "the force of gravity or gravity induced": one term twice
        let shared = fa
            .split_whitespace()
            .any(|w| fb.split_whitespace().any(|x| x == w));
        // "the prevention and removal of threats", "budgeting and
        // contracting officers": the second term's "of" phrase or head
        // noun belongs to the first as well, so the first alone is cut
        let bare_first =
            !fa.contains(' ') && (fb.contains(" of ") || fb.contains(' ') && fa.ends_with("ing"));
        // "soda acid or foam portable extinguishers": the pair modifies
        // the noun after it
        let modifies = at.toks.iter().find(|t| t.start >= b.end).is_some_and(|t| {
            s[b.end..t.start].trim().is_empty() && (t.tag.is_noun() || t.tag.is_adjective())
        });
        // "the cylinder or shell threads", "dry chemical and dry powder
        // hose assemblies": a singular first term before a longer plural
        // one (and no article of its own) shares its head noun
        let last = |x: &str| x.split_whitespace().next_back().unwrap_or("").to_string();
        let article = s[a.end..b.start]
            .split_whitespace()
            .any(|w| matches!(fold(w).as_str(), "the" | "a" | "an"));
        // (also "its total import and export volume": a noun modifier
        // opens the second term, whose head belongs to both)
        let noun_modifier = at
            .toks
            .iter()
            .find(|t| t.start == b.start)
            .is_some_and(|t| t.tag.name() == "NN" && !t.text.starts_with(char::is_uppercase))
            && fb.split_whitespace().count() >= 2
            && !last(&fa).ends_with('s')
            && !fa.contains(" of ");
        let head_shared = !article
            && (fb.split_whitespace().count() > fa.split_whitespace().count()
                && last(&fb).ends_with('s')
                && !last(&fa).ends_with('s')
                || noun_modifier);
        // "the divided kingdoms of Israel and Judah": the "and" joins the
        // "of" phrase's objects, not two terms
        // (names both: "constraints of government structures or silos" is
        // a pair)
        let (ra, rb) = (&s[a.start..a.end], &s[b.start..b.end]);
        // ("jeopardy of life or limb": one word each side)
        let of_object = !fb.contains(' ')
            && ra.rsplit_once(" of ").is_some_and(|(_, obj)| {
                obj.starts_with(char::is_uppercase) && rb.starts_with(char::is_uppercase)
                    || !obj.contains(' ')
            });
        if shared || bare_first || modifies || head_shared || of_object {
            continue;
        }
        let score = prior::KEY_TERM + (a.score + b.score) / 4.0 + 0.4;
        // "the important diplomatic thoughts and propositions of New
        // China": a name's "of" phrase after the second term belongs to
        // both, and stays in the question
        let b_end = match rb.split_once(" of ") {
            Some((head, obj))
                if !fa.contains(" of ")
                    && obj
                        .trim_start_matches("the ")
                        .starts_with(char::is_uppercase)
                    && !head.contains(' ') =>
            {
                b.start + head.len()
            }
            _ => b.end,
        };
        // "made up of mostly ___ and ___", "against unreasonable ___ and
        // ___", "non-public ___ and ___": an adverb, or an adjective the
        // second term has no match for, governs both and stays in the
        // question
        let toks_of = |x: usize, y: usize| -> Vec<&super::nlp::Token<'_>> {
            at.toks
                .iter()
                .filter(|t| t.start >= x && t.end <= y)
                .collect()
        };
        let ta = toks_of(a.start, a.end);
        let tb = toks_of(b.start, b_end);
        let second_modified = tb.first().is_some_and(|t| {
            t.tag.is_adjective() || t.tag.is_determiner() || t.tag.name() == "PRP$"
        });
        // (one adjective only: "the important diplomatic thoughts and
        // propositions" keeps its phrase)
        let mut lead = 0;
        while lead + 1 < ta.len() && ta[lead].tag.is_adverb() {
            lead += 1;
        }
        if lead + 2 == ta.len()
            && ta[lead].tag.is_adjective()
            && ta[lead + 1].tag.is_noun()
            && !second_modified
            && tb.len() <= 2
        {
            lead += 1;
        }
        // (a second term of one bare noun shares all the first's
        // adjectives: "the important diplomatic ___ and ___" → thoughts;
        // propositions, a blind reader dropped the split phrase as garbled)
        let adjectives = ta.len().saturating_sub(1);
        if tb.len() == 1
            && !second_modified
            && adjectives >= 2
            && ta[..adjectives].iter().all(|t| t.tag.is_adjective())
            && ta.last().is_some_and(|t| t.tag.is_noun())
        {
            lead = adjectives;
        }
        let a_start = ta.get(lead).map_or(a.start, |t| t.start);
        if let Some(c) = make(
            at,
            &[(a_start, a.end), (b.start, b_end)],
            false,
            score,
            "pair",
        ) {
            out.push(c);
        }
    }
}

/// "A shall not be X, nor B Y, nor C Z": the best term of every clause of
/// a "nor" series (two "nor"s, or "neither … nor"), blanked together.
pub fn nor_series(at: At<'_>, terms: &[Term], out: &mut Vec<Candidate>) {
    let s = at.text;
    let words = text::words(s);
    let nors: Vec<usize> = words
        .iter()
        .filter(|w| fold(w.text) == "nor")
        .map(|w| w.start)
        .collect();
    let neither = words.iter().any(|w| fold(w.text) == "neither");
    if nors.is_empty() || nors.len() < 2 && !neither {
        return;
    }
    // the series starts at "neither", or with the clause of the first "nor"
    let first = match words
        .iter()
        .find(|w| fold(w.text) == "neither" && w.start < nors[0])
    {
        Some(w) => w.start,
        None => s[..nors[0]].rfind(';').map_or(0, |p| p + 1),
    };
    let mut bounds = vec![first];
    bounds.extend(&nors);
    let last = nors[nors.len() - 1];
    let end = s[last..].find(';').map_or(s.len(), |p| last + p);
    bounds.push(end);
    let mut gaps = Vec::new();
    for w in bounds.windows(2) {
        let best = terms
            .iter()
            .filter(|t| t.start >= w[0] && t.end <= w[1])
            .max_by(|x, y| x.score.total_cmp(&y.score));
        match best {
            Some(t) => gaps.push((t.start, t.end)),
            None => return,
        }
    }
    let (a, b) = (gaps[0].0, gaps[gaps.len() - 1].1);
    if text::word_count(&s[a..b]) > MAX_SPAN_WORDS {
        return;
    }
    if let Some(c) = make(at, &gaps, false, prior::LIST, "nor-series") {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    /// Terms at every noun the test names, scored equally.
    fn at_words(s: &str, ws: &[&str]) -> Vec<Term> {
        ws.iter()
            .map(|w| {
                let start = s.find(w).unwrap();
                Term {
                    start,
                    end: start + w.len(),
                    score: 2.0,
                    alone: true,
                }
            })
            .collect()
    }

    fn run(s: &str, ws: &[&str], f: fn(At<'_>, &[Term], &mut Vec<Candidate>)) -> Vec<Vec<String>> {
        let toks = tag(s);
        let mut out = Vec::new();
        f(At::alone(s, &toks), &at_words(s, ws), &mut out);
        out.into_iter().map(|c| c.items).collect()
    }

    #[test]
    fn a_coordinated_pair_is_blanked_together() {
        let s = "Trade was largely Semitic, and Tyre and Sidon were the great ports.";
        assert_eq!(
            run(s, &["Tyre", "Sidon"], pairs),
            vec![vec!["Tyre", "Sidon"]]
        );
        let s = "Neither slavery nor involuntary servitude shall exist within the United States.";
        assert_eq!(
            run(s, &["slavery", "involuntary servitude"], pairs),
            vec![vec!["slavery", "involuntary servitude"]]
        );
        // two terms of a longer list are left to the list
        let s = "The ports were Byblos, Tyre and Sidon in those days.";
        assert!(run(s, &["Byblos", "Tyre", "Sidon"], pairs).is_empty());
        let s = "Such men as Thales and Anaximander and Heraclitus were gentlemen.";
        assert!(run(s, &["Thales", "Anaximander", "Heraclitus"], pairs).is_empty());
        // a shared "of" phrase or head noun: the first term alone is cut
        let s = "Members take measures for the prevention and removal of threats to the peace.";
        assert!(run(s, &["prevention", "removal of threats"], pairs).is_empty());
        let s =
            "After Solomon the divided kingdoms of Israel and Judah were suffering destruction.";
        assert!(run(s, &["divided kingdoms of Israel", "Judah"], pairs).is_empty());
        let s = "Extinguishers are tested when the cylinder or shell threads are damaged.";
        assert!(run(s, &["cylinder", "shell threads"], pairs).is_empty());
        // a name's "of" phrase after the pair belongs to both, and so do
        // the adjectives before it when the second term is one noun
        let s = "The idea has developed the important diplomatic thoughts and propositions of New China in different periods.";
        assert_eq!(
            run(
                s,
                &["important diplomatic thoughts", "propositions of New China"],
                pairs
            ),
            vec![vec!["thoughts", "propositions"]]
        );
        // an adverb, or an adjective the second term has no match for,
        // governs both and stays in the question
        let s = "The stars are made up of mostly hydrogen and helium in the end.";
        assert_eq!(
            run(s, &["mostly hydrogen", "helium"], pairs),
            vec![vec!["hydrogen", "helium"]]
        );
        let s = "The right shall be secure against unreasonable searches and seizures by anyone.";
        assert_eq!(
            run(s, &["unreasonable searches", "seizures"], pairs),
            vec![vec!["searches", "seizures"]]
        );
        // examples after a cue are no pair of terms
        let s = "Water reshapes the features of the Earth through processes including erosion and sedimentation.";
        assert!(run(s, &["processes including erosion", "sedimentation"], pairs).is_empty());
        // terms not joined by a conjunction are no pair
        let s = "The fleet of Persia met the Greeks at Salamis in the end.";
        assert!(run(s, &["Persia", "Salamis"], pairs).is_empty());
    }

    #[test]
    fn a_nor_series_blanks_one_term_per_clause() {
        let s = "Excessive bail shall not be required, nor excessive fines imposed, nor cruel and unusual punishments inflicted.";
        assert_eq!(
            run(
                s,
                &["bail", "fines", "cruel and unusual punishments"],
                nor_series
            ),
            vec![vec!["bail", "fines", "cruel and unusual punishments"]]
        );
        // one "nor" without "neither" is no series
        let s = "The bail shall not be required, nor the fines imposed today.";
        assert!(run(s, &["bail", "fines"], nor_series).is_empty());
    }
}
