//! Claims: what a clause says its subject is, where it is, what it is done
//! with. The complement of a copula or a passive verb, in any clause of
//! any length, is blanked as a whole noun phrase:
//! - "The latent causes of faction are thus sown in ___." → the nature of man
//! - "The most common source of factions has been ___." → the various and
//!   unequal distribution of property
//! - "Comments should be ___." → complete sentences
//! - "Portable extinguishers shall be inspected ___." → monthly (how often
//!   something is done is a fact in rules and procedures)
//!
//! and a reason the text gives with "because" becomes "Why …?".

use super::candidate::{prior, Candidate};
use super::definitions::rarity;
use super::frame::gap_front;
use super::gaps::{is_topic, At, Ctx};
use super::nlp::{noun_phrases, tag, Token};
use super::text::{capitalise, fold, word_count, PRONOUNS};
use crate::model::CardKind;

/// Longest answer, in words.
const MAX_ANSWER_WORDS: usize = 6;
/// Longest answer when a phrase takes the modifiers up to its clause's end.
const MAX_TAIL_ANSWER_WORDS: usize = 10;

/// How often or when something is done: a fact of its own in rules.
const FREQUENCY: &[&str] = &[
    "annually",
    "monthly",
    "weekly",
    "daily",
    "hourly",
    "yearly",
    "quarterly",
    "biannually",
    "fortnightly",
    "immediately",
];

fn card(at: At<'_>, kind: CardKind, front: String, back: String, score: f64) -> Candidate {
    super::gaps::card(kind, front, back, at, score, "claim")
}

fn is_copula(w: &str) -> bool {
    matches!(
        w,
        "is" | "are" | "was" | "were" | "be" | "been" | "remains" | "remain" | "becomes" | "become"
    )
}

/// Complement gaps of one sentence: at most two, the most informative.
fn complements(at: At<'_>, ctx: &Ctx<'_>, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
    let s = at.text;
    let nps = noun_phrases(s, toks);
    let mut found: Vec<(f64, usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let w = fold(t.text);
        // after a copula: skip adverbs, "not", a participle and its preposition
        let mut k = i + 1;
        let passive;
        if is_copula(&w) {
            while k < toks.len() && (toks[k].tag.is_adverb() || fold(toks[k].text) == "not") {
                k += 1;
            }
            passive = toks.get(k).is_some_and(|x| x.tag.name() == "VBN");
            if passive {
                k += 1;
                while k < toks.len() && toks[k].tag.is_adverb() {
                    k += 1;
                }
                // "inspected monthly", "sown in the nature of man"
                if let Some(x) = toks.get(k) {
                    let f = fold(x.text);
                    if FREQUENCY.contains(&f.as_str()) {
                        found.push((1.5, x.start, x.end));
                        continue;
                    }
                    if matches!(x.tag.name(), "IN" | "TO")
                        && !matches!(f.as_str(), "that" | "if" | "because" | "as")
                    {
                        k += 1;
                    } else if !(x.tag.is_determiner() || x.tag.is_adjective() || x.tag.is_noun()) {
                        continue;
                    }
                }
            } else if toks.get(k).is_some_and(|x| matches!(x.tag.name(), "IN")) {
                // "is in the core", "are of two kinds"
                k += 1;
            } else if toks.get(k).is_some_and(|x| x.tag.is_adjective())
                && toks
                    .get(k + 1)
                    .is_some_and(|x| matches!(x.tag.name(), "IN" | "TO"))
            {
                // "eligible for immediate re-election", "responsible for …"
                k += 2;
            }
        } else if t.tag.name() == "MD" {
            // a rule's object: "The General Assembly shall consider and
            // approve the ___ of the Organization"
            while k < toks.len() && (toks[k].tag.is_adverb() || fold(toks[k].text) == "not") {
                k += 1;
            }
            let verb = |k: usize| {
                toks.get(k)
                    .is_some_and(|x| x.tag.name() == "VB" && !is_copula(&fold(x.text)))
            };
            if !verb(k) {
                continue;
            }
            k += 1;
            // "consider and approve"
            if toks.get(k).is_some_and(|x| x.tag.name() == "CC") && verb(k + 1) {
                k += 2;
            }
            // "meet in regular annual sessions"
            if toks
                .get(k)
                .is_some_and(|x| x.tag.name() == "IN" && fold(x.text) != "that")
            {
                k += 1;
            }
        } else {
            continue;
        }
        let Some(p) = nps.iter().find(|p| p.first == k || p.core == k) else {
            continue;
        };
        // the phrase should end its clause: a complement, not a subject of more
        let next = toks.get(p.last + 1);
        let closes = next.is_none_or(|n| {
            s[toks[p.last].end..n.start].contains([',', ';', ':', '.', '(', '\u{2014}'])
                || matches!(
                    n.tag.name(),
                    "IN" | "TO" | "CC" | "WDT" | "WP" | "VBN" | "VBG"
                )
        });
        // "by a two-thirds majority of the members present and voting":
        // a phrase with a short tail of modifiers runs to its clause's end
        let mut last = p.last;
        if !closes {
            let mut e = p.last + 1;
            while e < toks.len()
                && !s[toks[e - 1].end..toks[e].start].contains([',', ';', ':', '(', '\u{2014}'])
                && (toks[e].tag.is_adjective()
                    || toks[e].tag.is_noun()
                    || toks[e].tag.is_participle()
                    || toks[e].tag.is_determiner()
                    || matches!(toks[e].tag.name(), "CC" | "IN" | "VBG"))
            {
                e += 1;
            }
            let at_end = e == toks.len()
                || s[toks[e - 1].end..toks[e].start].contains([',', ';', ':', '.', '(']);
            if !at_end
                || e - p.core > MAX_TAIL_ANSWER_WORDS
                || matches!(toks[e - 1].tag.name(), "CC" | "IN" | "DT")
            {
                continue;
            }
            last = e - 1;
        }
        let (a, b) = (toks[p.core].start, toks[last].end);
        let answer = &s[a..b];
        let n = word_count(answer);
        if n > MAX_ANSWER_WORDS && last == p.last
            || toks[p.core..=last]
                .iter()
                .any(|x| PRONOUNS.contains(&fold(x.text).as_str()))
            || answer.chars().any(|c| c.is_ascii_digit())
            || is_topic(answer, ctx)
        {
            continue;
        }
        let rare = rarity(answer);
        // "is the case", "are the same": nothing to learn; a name
        // ("the Secretary-General") is a fact however common its words
        let name = answer.starts_with(char::is_uppercase);
        if rare > if name { 5.0 } else { 4.6 } || n == 1 && !name && rare > 3.6 {
            continue;
        }
        let score = f64::from(4.6 - rare) * 0.25 + if n >= 2 { 0.2 } else { 0.0 };
        found.push((score, a, b));
    }
    found.sort_by(|x, y| y.0.total_cmp(&x.0));
    for &(score, a, b) in found.iter().take(2) {
        let answer = s[a..b].to_string();
        if let Some(front) = gap_front(s, a, b, at.prev) {
            out.push(card(
                at,
                CardKind::Cloze,
                front,
                answer,
                prior::CLAIM + score,
            ));
        }
    }
}

/// "X, because Y." → "Why …X?" → Y (a short reason only).
fn because(at: At<'_>, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
    let s = at.text;
    let Some(bi) = toks.iter().position(|t| fold(t.text) == "because") else {
        return;
    };
    if bi < 4 {
        return; // "Because …, X": the reason comes first; left to other rules
    }
    let reason_start = toks.get(bi + 1).map_or(s.len(), |t| t.start);
    let reason = s[reason_start..]
        .split([';', '.'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(',');
    // "because of all the bodies in the way": the reason is the noun phrase
    let reason = reason.strip_prefix("of ").unwrap_or(reason);
    let n = word_count(reason);
    if !(2..=10).contains(&n) {
        return;
    }
    // "CamelCase -- so named because of …)": a reason inside brackets or
    // after a dash belongs to an aside, not to a claim
    let opened = |t: &str| t.matches('(').count() != t.matches(')').count();
    let aside = s[..toks[bi].start].contains(" -- ") || s[..toks[bi].start].contains(" \u{2014} ");
    if opened(&s[..toks[bi].start]) || opened(reason) || aside {
        return;
    }
    // "You'll get an error like this because …:": the claim points at
    // what the text shows next
    if reason.ends_with(':') || s.trim_end().ends_with(':') {
        return;
    }
    let claim = s[..toks[bi].start].trim().trim_end_matches(',');
    // the claim is the clause before "because", from its last boundary
    let claim = claim.rsplit([';', ':']).next().unwrap_or(claim).trim();
    if !(4..=25).contains(&word_count(claim)) {
        return;
    }
    let first = toks[0].text;
    let claim = if first.chars().next().is_some_and(char::is_uppercase)
        && !toks[0].tag.is_proper()
        && claim.starts_with(first)
    {
        format!("{}{}", first.to_lowercase(), &claim[first.len()..])
    } else {
        claim.to_string()
    };
    let last = claim.split_whitespace().next_back().map(fold);
    if super::frame::starts_with_pronoun(&claim)
        || last.is_some_and(|w| matches!(w.as_str(), "this" | "that" | "these" | "those" | "it"))
    {
        return;
    }
    let front = invert(&claim).unwrap_or_else(|| format!("Why is it that {claim}?"));
    out.push(card(
        at,
        CardKind::Basic,
        capitalise(&front),
        reason.to_string(),
        prior::CLAIM + 0.5,
    ));
}

/// "No man is allowed to …" → "Why is no man allowed to …?": the
/// auxiliary after a short subject moves to the front.
fn invert(claim: &str) -> Option<String> {
    let toks = tag(claim);
    let v = toks.iter().position(|t| t.tag.is_verb())?;
    if v == 0 || v > 6 || claim[..toks[v].start].contains(',') {
        return None;
    }
    let aux = fold(toks[v].text);
    let aux_ok = matches!(
        aux.as_str(),
        "is" | "are"
            | "was"
            | "were"
            | "can"
            | "could"
            | "should"
            | "will"
            | "would"
            | "must"
            | "may"
            | "might"
            | "has"
            | "have"
            | "had"
    );
    if !aux_ok {
        return None;
    }
    let subject = claim[..toks[v].start].trim();
    let rest = claim[toks[v].end..].trim();
    Some(format!("Why {aux} {subject} {rest}?"))
}

/// Claim cards of one sentence.
pub fn extract(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if word_count(s) < 5 || s.trim_end().ends_with('?') {
        return;
    }
    complements(at, ctx, at.toks, out);
    because(at, at.toks, out);
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    fn why(s: &str) -> Vec<(String, String)> {
        let toks = tag(s);
        let mut out = Vec::new();
        because(At::alone(s, &toks), &toks, &mut out);
        out.into_iter().map(|c| (c.front, c.back)).collect()
    }

    #[test]
    fn a_reason_with_because_becomes_a_why_question() {
        let got = why("The ships turned back at the strait because the wind failed them.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].0.starts_with("Why "), "{got:?}");
        assert_eq!(got[0].1, "the wind failed them");
        let got = why(
            "Your friend cannot see you until you get close because of all the bodies in the way.",
        );
        assert_eq!(got[0].1, "all the bodies in the way", "{got:?}");
        // an aside in brackets or after a dash has no claim to ask about
        assert!(why("CapitalizedWords (or CapWords, or CamelCase -- so named because of the bumpy look of its letters).").is_empty());
        assert!(
            why("The style is also named (by some writers because of its letters) humped.")
                .is_empty()
        );
    }
}
