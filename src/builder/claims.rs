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
        // "It was on account of the Scythians …": a compound preposition
        // ("on account of", "by means of") is no complement
        let compound = super::text::COMPOUND_PREPOSITION_NOUNS
            .contains(&fold(toks[p.core].text).as_str())
            && toks.get(p.core + 1).is_some_and(|t| fold(t.text) == "of");
        if compound {
            continue;
        }
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
        let (a, b) = (
            toks[p.core].start,
            super::text::abbreviation_end(s, toks[last].end),
        );
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

/// Longest verdict of a maxim, in words.
const MAX_VERDICT_WORDS: usize = 5;

/// Maxims: a saying whose subject is an act ("To see what is right and not
/// to do it is want of courage", "Learning without thought is labour
/// lost") is asked for its verdict, however everyday its words: what the
/// act amounts to is the saying's whole point. Two such clauses in one
/// sentence ("Learning without thought is labour lost; thought without
/// learning is perilous") are one card with a gap for each.
fn maxims(at: At<'_>, ctx: &Ctx<'_>, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
    let s = at.text;
    let mut gaps: Vec<(usize, usize)> = Vec::new();
    let mut subjects: Vec<Vec<String>> = Vec::new();
    let mut from = 0;
    for clause_end in s.match_indices(';').map(|(i, _)| i).chain([s.len()]) {
        let start = from;
        from = clause_end + 1;
        let clause: Vec<&Token<'_>> = toks
            .iter()
            .filter(|t| t.start >= start && t.end <= clause_end)
            .collect();
        // the act opens the clause, or the quotation in it ("The Master
        // said, 'Learning …"); a gerund opening a quotation may be tagged
        // as a name
        let text = &s[start..clause_end];
        let quote = text
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, '\'' | '"' | '\u{2018}' | '\u{201c}')
                    && text[i + c.len_utf8()..].starts_with(char::is_alphabetic)
                    && (i == 0 || !text[..i].ends_with(char::is_alphabetic))
            })
            .map_or(start, |(i, _)| start + i);
        let open = clause.iter().position(|t| t.start >= quote).unwrap_or(0);
        let Some(first) = clause.get(open) else {
            continue;
        };
        let gerund = first.tag.name() == "VBG"
            || first.tag.is_noun() && fold(first.text).ends_with("ing") && first.text.len() > 5;
        // (the last copula: "To see what is right and not to do it is …")
        let Some(v) = clause[open..]
            .iter()
            .rposition(|t| matches!(fold(t.text).as_str(), "is" | "are"))
            .map(|v| v + open)
        else {
            continue;
        };
        // (the second half of an antithesis mirrors the first: "thought
        // without learning")
        let subject: Vec<String> = clause[open..v]
            .iter()
            .map(|t| fold(t.text))
            .filter(|w| !super::text::is_stop(w))
            .collect();
        let mirrors = subjects
            .iter()
            .any(|p: &Vec<String>| subject.iter().filter(|w| p.contains(w)).count() >= 2);
        let act = gerund
            || mirrors
            || fold(first.text) == "to"
                && clause.get(open + 1).is_some_and(|t| t.tag.name() == "VB");
        if !act {
            continue;
        }
        subjects.push(subject);
        let verdict = &clause[v + 1..];
        let verdict: Vec<&&Token<'_>> = verdict
            .iter()
            .take_while(|t| t.text.contains(char::is_alphanumeric) || t.text == "-")
            .collect();
        let (Some(a), Some(b)) = (verdict.first(), verdict.last()) else {
            continue;
        };
        // the verdict ends the clause and holds no verb of its own
        let rest = s[b.end..clause_end].trim_matches(|c: char| !c.is_alphanumeric());
        let answer = &s[a.start..b.end];
        if !rest.is_empty()
            || word_count(answer) > MAX_VERDICT_WORDS
            // (the tagger may read "is want of courage" as a verb; a finite
            // form or a second copula is one)
            || verdict.iter().any(|t| {
                matches!(t.tag.name(), "VBZ" | "VBD" | "MD")
                    || matches!(fold(t.text).as_str(), "is" | "are" | "was" | "were")
            })
            || verdict.iter().all(|t| super::text::is_stop(t.text))
            || is_topic(answer, ctx)
        {
            continue;
        }
        gaps.push((a.start, b.end));
    }
    let score = prior::CLAIM + 0.8;
    match gaps.as_slice() {
        [] => {}
        [(a, b)] => {
            if let Some(front) = gap_front(s, *a, *b, at.prev) {
                out.push(card(
                    at,
                    CardKind::Cloze,
                    front,
                    s[*a..*b].to_string(),
                    score,
                ));
            }
        }
        _ => {
            if let Some(c) = super::parallel::make(at, &gaps, true, score, "claim") {
                out.push(c);
            }
        }
    }
}

/// An analogy "A is to B what C is to D" ("Liberty is to faction what air
/// is to fire"): C and D, the image the text chose, are blanked together.
fn analogy(at: At<'_>, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
    let s = at.text;
    let w: Vec<String> = toks.iter().map(|t| fold(t.text)).collect();
    // "is to B what C is to D": positions of the two "is to"
    let Some(k) = (0..w.len().saturating_sub(8)).find(|&k| {
        matches!(w[k].as_str(), "is" | "are")
            && w[k + 1] == "to"
            && (k + 3..k + 6).any(|m| w.get(m).is_some_and(|x| x == "what"))
    }) else {
        return;
    };
    let Some(what) = (k + 3..k + 6).find(|&m| w[m] == "what") else {
        return;
    };
    let Some(is2) = (what + 2..(what + 5).min(w.len())).find(|&m| {
        matches!(w[m].as_str(), "is" | "are") && w.get(m + 1).is_some_and(|x| x == "to")
    }) else {
        return;
    };
    let c = (toks[what + 1].start, toks[is2 - 1].end);
    // D: the noun phrase after the second "to", up to a comma or the end
    let d_start = is2 + 2;
    // (the tagger may call "fire" a verb there; the phrase ends at a
    // comma or a function word)
    let Some(d_end) = (d_start..toks.len().min(d_start + 3))
        .take_while(|&m| {
            !s[toks[m - 1].end..toks[m].start].contains([',', ';', '.'])
                && !matches!(toks[m].tag.name(), "IN" | "CC" | "WDT" | "TO" | "MD")
        })
        .last()
    else {
        return;
    };
    let d = (toks[d_start].start, toks[d_end].end);
    if let Some(card) = super::parallel::make(at, &[c, d], true, prior::CLAIM + 0.8, "claim") {
        out.push(card);
    }
}

/// Longest object of an instruction, in words.
const MAX_OBJECT_WORDS: usize = 4;

/// Instructions: what an imperative rule tells the reader to use, before
/// what it is for ("Always use self for the first argument to instance
/// methods" → "Always use ___ for …" → self; "use the suffix "Error" on
/// your exception names"). The object is the rule's whole content,
/// however everyday its word; it needs the phrase after it ("for", "to",
/// "on", "as", "in", "instead of"), which says what the card asks about.
fn instruction(at: At<'_>, ctx: &Ctx<'_>, toks: &[Token<'_>], out: &mut Vec<Candidate>) {
    let s = at.text;
    // the verb opens the sentence, after "Always"/"Never"/"do not" or a
    // short opening phrase ("In that case, use properties to …")
    let from = s
        .find(", ")
        .filter(|&c| word_count(&s[..c]) <= 4)
        .and_then(|c| toks.iter().position(|t| t.start > c))
        .unwrap_or(0);
    let v = toks[from..]
        .iter()
        .position(|t| {
            !(t.tag.is_adverb() || matches!(fold(t.text).as_str(), "do" | "not" | "don't"))
        })
        .map(|v| v + from);
    let Some(v) = v else { return };
    let verb = fold(toks[v].text);
    if !matches!(
        verb.as_str(),
        "use" | "add" | "append" | "prefix" | "call" | "choose" | "prefer" | "avoid"
    ) {
        return;
    }
    // the object: up to the preposition that says what it is for
    let Some(p) = toks[v + 1..]
        .iter()
        .position(|t| {
            matches!(
                fold(t.text).as_str(),
                "for" | "to" | "on" | "as" | "in" | "instead"
            )
        })
        .map(|p| p + v + 1)
    else {
        return;
    };
    let object = &toks[v + 1..p];
    let (Some(a), Some(b)) = (object.first(), object.last()) else {
        return;
    };
    let answer = s[a.start..b.end].trim_matches(|c: char| c == ',' || c == ' ');
    if object.len() > MAX_OBJECT_WORDS
        || s[a.start..b.end].contains([',', ';', '('])
        || object
            .iter()
            .all(|t| super::text::is_stop(t.text) || t.tag.name() == "PRP")
        || object
            .iter()
            .any(|t| t.tag.is_verb() && t.tag.name() != "VBN")
        || is_topic(answer, ctx)
        || word_count(&s[toks[p].start..]) < 3
    {
        return;
    }
    if let Some(front) = gap_front(s, a.start, a.start + answer.len(), at.prev) {
        out.push(card(
            at,
            CardKind::Cloze,
            front,
            answer.to_string(),
            prior::CLAIM + 0.3,
        ));
    }
}

/// Claim cards of one sentence.
pub fn extract(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if word_count(s) < 5 || s.trim_end().ends_with('?') {
        return;
    }
    complements(at, ctx, at.toks, out);
    maxims(at, ctx, at.toks, out);
    analogy(at, at.toks, out);
    instruction(at, ctx, at.toks, out);
    because(at, at.toks, out);
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    /// The question and answers a sentence rule makes of `s`.
    fn run(
        rule: fn(At<'_>, &Ctx<'_>, &[Token<'_>], &mut Vec<Candidate>),
        ctx: &Ctx<'_>,
        s: &str,
    ) -> Vec<(String, Vec<String>)> {
        let toks = tag(s);
        let mut out = Vec::new();
        rule(At::alone(s, &toks), ctx, &toks, &mut out);
        out.into_iter()
            .map(|c| (c.front.clone(), c.answer_items()))
            .collect()
    }

    fn why(s: &str) -> Vec<(String, String)> {
        let toks = tag(s);
        let mut out = Vec::new();
        because(At::alone(s, &toks), &toks, &mut out);
        out.into_iter().map(|c| (c.front, c.back)).collect()
    }

    #[test]
    fn a_maxim_is_asked_for_its_verdict() {
        let doc = "The Master spoke of learning and of thought and of courage.";
        super::super::with_ctx(doc, |ctx| {
            let ask = |s: &str| run(maxims, ctx, s);
            let got = ask("The Master said, 'Learning without thought is labour lost; thought without learning is perilous.'");
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(
                got[0].1,
                vec!["labour lost".to_string(), "perilous".to_string()]
            );
            assert!(
                got[0].0.contains("Learning without thought is ___;"),
                "{got:?}"
            );
            let got = ask("'To see what is right and not to do it is want of courage.'");
            assert_eq!(got.len(), 1, "{got:?}");
            assert_eq!(got[0].1, vec!["want of courage".to_string()]);
            // a subject that is no act, or a verdict that goes on, is no maxim
            assert!(ask("The stack is a region of memory.").is_empty());
            assert!(
                ask("Learning without thought is what makes men idle in their houses.").is_empty()
            );
        });
    }

    #[test]
    fn an_instruction_asks_for_what_to_use() {
        let doc = "Naming conventions for classes, methods and arguments in Python code.";
        super::super::with_ctx(doc, |ctx| {
            let ask = |s: &str| run(instruction, ctx, s);
            assert_eq!(
                ask("Always use self for the first argument to instance methods."),
                vec![(
                    "Always use ___ for the first argument to instance methods.".to_string(),
                    vec!["self".to_string()]
                )]
            );
            assert_eq!(
                ask("In that case, use properties to hide functional implementation behind simple access.")[0].1,
                vec!["properties".to_string()]
            );
            // no object, or no phrase saying what it is for
            assert!(ask("Use it to hide the implementation behind access.").is_empty());
            assert!(ask("Always use self.").is_empty());
            assert!(ask("Teams use modern tools for deployment.").is_empty());
            // byte offsets, not token numbers, cut the text (no panic on
            // letters of several bytes)
            for s in [
                "Éé, use Größe for the first argument.",
                "Ñ, use ÄÖÜ for ääääää.",
                "Ü, use é to é é é.",
            ] {
                let _ = ask(s);
            }
        });
    }

    #[test]
    fn an_analogy_asks_for_its_image() {
        let s = "Liberty is to faction what air is to fire, an aliment without which it instantly expires.";
        let toks = tag(s);
        let mut out = Vec::new();
        analogy(At::alone(s, &toks), &toks, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].items, vec!["air".to_string(), "fire".to_string()]);
        assert!(
            out[0]
                .front
                .starts_with("Liberty is to faction what ___ is to ___,"),
            "{}",
            out[0].front
        );
        let s = "The answer is to wait and see what the council does next.";
        let toks = tag(s);
        let mut out = Vec::new();
        analogy(At::alone(s, &toks), &toks, &mut out);
        assert!(out.is_empty());
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
