//! Definitions and terms, asked as a person would ask them:
//! - "X is called / known as / termed Y" → the sentence with Y blanked;
//! - "X is a/the Y …" (X a noun phrase opening the sentence) → "What is X?"
//!   → Y, and, for a rare term, the definition with X blanked;
//! - "X means / refers to / is defined as Y" → "What does X mean?" → Y;
//! - "When/If …, it is (called) X" → "What is it called when …?" → X.

use super::candidate::{prior, Candidate};
use super::document::{BlockKind, Doc};
use super::frame::gap_front;
use super::gaps::{is_topic, At, Ctx};
use super::nlp::{noun_phrases, zipf, Phrase, Token};
use super::text::{capitalise, fold, word_count};
use crate::model::CardKind;

/// Longest answer of a definition card, in words.
const MAX_DEF_WORDS: usize = 12;
/// A term rarer than this in general English is worth asking for by name.
const RARE_TERM: f32 = 4.0;

fn card(at: At<'_>, front: String, back: String, score: f64, origin: &'static str) -> Candidate {
    super::gaps::card(CardKind::Cloze, front, back, at, score, origin)
}

fn basic(at: At<'_>, front: String, back: String, score: f64, origin: &'static str) -> Candidate {
    super::gaps::card(CardKind::Basic, front, back, at, score, origin)
}

fn text_of<'a>(s: &'a str, p: &Phrase) -> &'a str {
    s[p.start..p.end].trim_matches(|c: char| c == '"' || c == '\u{201c}' || c == '\u{201d}')
}

/// The rarest content word's Zipf frequency in a phrase.
pub fn rarity(phrase: &str) -> f32 {
    phrase
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| w.len() > 2 && !super::text::is_stop(w))
        .map(zipf)
        .fold(9.0, f32::min)
}

fn phrase_at(phrases: &[Phrase], tok: usize) -> Option<&Phrase> {
    phrases.iter().find(|p| p.first == tok || p.core == tok)
}

/// "… is called the photosphere", "known as granulation". Two terms named
/// in one sentence ("Adding data is called pushing onto the stack, and
/// removing data is called popping off the stack") make one card with a
/// gap for each, in order.
fn named(at: At<'_>, ctx: &Ctx<'_>, toks: &[Token<'_>], nps: &[Phrase], out: &mut Vec<Candidate>) {
    let s = at.text;
    let mut terms: Vec<(usize, usize)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let w = fold(t.text);
        let after = match w.as_str() {
            "called" | "termed" | "dubbed" | "named" => i + 1,
            // "Scientists call such a hot ionized gas a plasma.": the term
            // is the last phrase, after the thing named
            "call" | "calls" => {
                let Some(p) = nps.last().filter(|p| p.first > i + 2) else {
                    continue;
                };
                let rest = s[p.end..].trim_matches(|c: char| !c.is_alphanumeric());
                let is_article = |k: usize| {
                    toks.get(k)
                        .is_some_and(|t| matches!(fold(t.text).as_str(), "a" | "an" | "the"))
                };
                let article = is_article(p.first) || is_article(p.first.saturating_sub(1));
                // (the verb "call" naming a thing, not "calls you at the
                // office" nor "the call to …")
                let naming = t.tag.is_verb()
                    && toks[i + 1..p.first].iter().all(|x| {
                        !matches!(x.tag.name(), "IN" | "TO" | "PRP" | "MD")
                            && !fold(x.text).ends_with("ly")
                    });
                if !rest.is_empty() || !article || !naming {
                    continue;
                }
                p.first
            }
            "known" | "referred" | "described"
                if toks.get(i + 1).is_some_and(|n| fold(n.text) == "as")
                    || toks.get(i + 2).is_some_and(|n| fold(n.text) == "as") =>
            {
                if fold(toks[i + 1].text) == "as" {
                    i + 2
                } else {
                    i + 3
                }
            }
            _ => continue,
        };
        let Some((start, end)) = term_span(s, toks, nps, after) else {
            continue;
        };
        let term =
            s[start..end].trim_matches(|c: char| c == '"' || c == '\u{201c}' || c == '\u{201d}');
        if word_count(term) > 5 || is_topic(term, ctx) {
            continue;
        }
        terms.push((start, end));
    }
    if terms.len() >= 2 {
        // a gerund term gives only its verb: "called ___ onto the stack"
        let gaps: Vec<(usize, usize)> = terms
            .iter()
            .map(|&(a, b)| match toks.iter().find(|t| t.start == a) {
                Some(t) if t.tag.name() == "VBG" => (a, t.end),
                _ => (a, b),
            })
            .collect();
        if let Some(c) =
            super::parallel::make(at, &gaps, true, prior::DEFINITION + 0.5, "named-term")
        {
            out.push(c);
        }
        return;
    }
    for (start, end) in terms {
        let term =
            s[start..end].trim_matches(|c: char| c == '"' || c == '\u{201c}' || c == '\u{201d}');
        if let Some(front) = gap_front(s, start, end, at.prev) {
            out.push(card(
                at,
                front,
                term.to_string(),
                prior::DEFINITION + 0.5,
                "named-term",
            ));
        }
    }
}

/// The term a naming verb introduces at token `i`: its noun phrase after
/// any article ("known as a double free error"), a gerund with its
/// phrase ("called pushing onto the stack"), or a short verbless rest of
/// the sentence ("referred to as last in, first out (LIFO)").
fn term_span(s: &str, toks: &[Token<'_>], nps: &[Phrase], i: usize) -> Option<(usize, usize)> {
    let t = toks.get(i)?;
    let i = if t.tag.name() == "DT" { i + 1 } else { i };
    if let Some(p) = phrase_at(nps, i) {
        return Some((p.start, p.end));
    }
    let t = toks.get(i)?;
    let rest = &s[t.start..];
    let clause = if t.tag.name() == "VBG" {
        // up to the clause's end: "pushing onto the stack, and …"
        let stop = rest.find([',', ';', '.', ':', '(']).unwrap_or(rest.len());
        &rest[..stop]
    } else {
        rest.trim_end().trim_end_matches(['.', '!', '?'])
    };
    let clause = clause.trim_end();
    let verbless = toks
        .iter()
        .skip(i + 1)
        .take_while(|x| x.start < t.start + clause.len())
        .all(|x| !x.tag.name().starts_with("VB") && x.tag.name() != "MD");
    (t.tag.name() != "DT"
        && !clause.is_empty()
        && word_count(clause) <= 6
        && verbless
        && !clause.contains(" and ")
        && !t.tag.name().starts_with("PRP"))
    .then_some((t.start, t.start + clause.len()))
}

/// The answer span of a definition starting at token `i`: a noun phrase
/// (with its "of" phrases), at most [`MAX_DEF_WORDS`] words.
fn definition_span(s: &str, nps: &[Phrase], i: usize) -> Option<(usize, usize)> {
    let p = phrase_at(nps, i)?;
    let start = p.start;
    let mut end = p.end;
    // a short phrase may take the rest of its clause ("a star in which …")
    if word_count(&s[start..end]) <= 3 {
        let rest = &s[end..];
        let mut stop = rest.find([',', ';', '.', ':', '(']).unwrap_or(rest.len());
        // "the first priority and applies to all countries": a second
        // verb phrase is no part of the definition
        if let Some(k) = rest[..stop].find(" and ") {
            let toks = super::nlp::tag(&rest[k + 1..stop]);
            if toks
                .get(1)
                .is_some_and(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))
            {
                stop = k;
            }
        }
        if word_count(&s[start..end + stop]) <= MAX_DEF_WORDS {
            end += stop;
        } else if ["that ", "which ", "who ", "whose "]
            .iter()
            .any(|r| rest.trim_start().starts_with(r))
        {
            // "IRIS is the first space mission that is able to …": the
            // head alone says nothing, and its clause is too long
            return None;
        }
    }
    let def = s[start..end].trim_end();
    // "China is confident and capable of …": an adjective is no definition
    // (the word's own tag: alone at the start it may come out a noun)
    let dt = super::nlp::tag(def);
    if dt.first().is_some_and(|t| {
        t.tag.is_adjective() || super::nlp::lexicon_tag(t.text).is_some_and(|l| l.is_adjective())
    }) && dt
        .get(1)
        .is_some_and(|t| matches!(t.tag.name(), "CC" | "IN" | "TO" | ","))
    {
        return None;
    }
    // a lone everyday noun ("the photosphere is the layer …") names only
    // the kind of thing, not what the term is
    if word_count(def) == 1 && rarity(def) > 4.0 {
        return None;
    }
    (word_count(def) <= MAX_DEF_WORDS).then_some((start, start + def.len()))
}

/// "The photosphere is the visible surface of the Sun."
fn copular(
    at: At<'_>,
    ctx: &Ctx<'_>,
    toks: &[Token<'_>],
    nps: &[Phrase],
    out: &mut Vec<Candidate>,
) {
    let s = at.text;
    let Some(subj) = nps.first().filter(|p| p.first == 0) else {
        return;
    };
    let v = subj.last + 1;
    let Some(verb) = toks.get(v) else { return };
    let vw = fold(verb.text);
    if !matches!(vw.as_str(), "is" | "are" | "means" | "refers")
        || !s[toks[subj.last].end..verb.start].trim().is_empty()
    {
        return;
    }
    let term = &s[subj.start..subj.end];
    let pointing = toks[subj.first..=subj.last].iter().any(|t| {
        matches!(
            fold(t.text).as_str(),
            "this"
                | "these"
                | "that"
                | "those"
                | "such"
                | "its"
                | "their"
                | "other"
                | "same"
                | "one"
                | "another"
                | "it"
                | "they"
        )
    });
    // a term the text is about is still worth defining ("What is a
    // scope?"); only its gap, below, would be guessable
    let topic = is_topic(term, ctx);
    if pointing || word_count(term) > 4 {
        return;
    }
    // "refers to", "is defined as", "is a", "are the"
    let mut d = v + 1;
    let mut ask = if vw == "are" { "What are" } else { "What is" };
    match vw.as_str() {
        "means" => ask = "What does",
        "refers" => {
            if toks.get(d).is_some_and(|t| fold(t.text) == "to") {
                d += 1;
                ask = "What does";
            } else {
                return;
            }
        }
        _ => {
            if toks.get(d).is_some_and(|t| fold(t.text) == "defined")
                && toks.get(d + 1).is_some_and(|t| fold(t.text) == "as")
            {
                d += 2;
            }
        }
    }
    let Some(first) = toks.get(d) else { return };
    // a definition names a kind of thing: "a …", "the …", "one of …"
    if !(first.tag.is_determiner() || first.tag.is_adjective() || first.tag.is_noun()) {
        return;
    }
    if matches!(
        fold(first.text).as_str(),
        "this" | "that" | "these" | "those" | "its" | "their" | "his" | "her" | "our"
    ) {
        return;
    }
    // "Development is the first priority", "… is the most important
    // task": a rank, not what the thing is (a blind reader dropped "What
    // is development? → first priority" as vague)
    if fold(first.text) == "the"
        && toks.get(d + 1).is_some_and(|t| {
            let w = fold(t.text);
            t.tag.name() == "JJS"
                || crate::numbers::is_ordinal(&w)
                || matches!(
                    w.as_str(),
                    "most" | "main" | "only" | "top" | "primary" | "chief"
                )
        })
    {
        return;
    }
    let Some((a, b)) = definition_span(s, nps, d) else {
        return;
    };
    let def = s[a..b].trim_end_matches(['.', ',']).to_string();
    let def_rare = rarity(&def);
    let term_rare = rarity(term);
    // "The result is the same": nothing to learn
    if def_rare > 5.2 && term_rare > 4.6 {
        return;
    }
    let term_q = {
        let f = fold(&s[toks[subj.first].start..toks[subj.first].end]);
        // "An inline comment is …" asks "What is an inline comment?"
        if matches!(f.as_str(), "the" | "a" | "an") {
            format!("{f} {term}")
        } else if term.starts_with(char::is_uppercase)
            && match term.split_whitespace().nth(1) {
                Some(w) => {
                    w.starts_with(char::is_lowercase) && toks[subj.first].tag.name() != "NNP"
                }
                // ("What is development?": a common noun alone)
                None => super::nlp::lexicon_tag(&fold(term))
                    .is_some_and(|t| t.is_noun() && !t.is_proper()),
            }
        {
            // "What is diversity of human civilization?", not "What is
            // Diversity of …": the capital was the sentence's
            let mut c = term.chars();
            c.next()
                .map(|x| x.to_lowercase().chain(c).collect::<String>())
                .unwrap_or_default()
        } else {
            term.to_string()
        }
    };
    let question = match ask {
        "What does" if vw == "means" => format!("What does {term_q} mean?"),
        "What does" => format!("What does {term_q} refer to?"),
        a => format!("{a} {term_q}?"),
    };
    let score = prior::DEFINITION + (4.5 - term_rare.min(4.5)) as f64 * 0.3;
    out.push(basic(at, question, def.clone(), score, "definition"));
    // the other way round, for a rare term: "___ is the visible surface …"
    if term_rare < RARE_TERM && !topic {
        if let Some(front) = gap_front(s, subj.start, subj.end, at.prev) {
            out.push(card(
                at,
                front,
                term.to_string(),
                score - 0.5,
                "defined-term",
            ));
        }
    }
}

/// "When/If …, it is called X" → "What is it called when …?"
fn conditional(
    at: At<'_>,
    ctx: &Ctx<'_>,
    toks: &[Token<'_>],
    nps: &[Phrase],
    out: &mut Vec<Candidate>,
) {
    let s = at.text;
    let Some(first) = toks.first() else { return };
    let opener = fold(first.text);
    if !matches!(opener.as_str(), "when" | "if" | "whenever") {
        return;
    }
    let Some(comma) = s.find(',') else { return };
    let rest: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].start > comma).collect();
    let [a, b, ..] = rest[..] else { return };
    if !matches!(fold(toks[a].text).as_str(), "it" | "this" | "that")
        || !matches!(fold(toks[b].text).as_str(), "is" | "was")
    {
        return;
    }
    let mut k = b + 1;
    if toks
        .get(k)
        .is_some_and(|t| matches!(fold(t.text).as_str(), "called" | "termed" | "known"))
    {
        k += 1;
        if toks.get(k).is_some_and(|t| fold(t.text) == "as") {
            k += 1;
        }
    }
    let Some(p) = phrase_at(nps, k) else { return };
    if p.last + 2 < toks.len() {
        return; // the term should close the sentence
    }
    let term = text_of(s, p);
    if word_count(term) > 4 || is_topic(term, ctx) {
        return;
    }
    let clause = s[first.end..comma].trim();
    let question = format!("What is it called {opener} {clause}?");
    out.push(basic(
        at,
        capitalise(&question),
        term.to_string(),
        prior::DEFINITION + 0.5,
        "conditional-term",
    ));
}

/// All definition cards of one sentence.
/// Longest stipulated meaning asked for, in words.
const MAX_MEANT_WORDS: usize = 12;
/// Longest meaning with the relative clause that completes it, in words.
pub const MAX_STIPULATED_WORDS: usize = 18;

/// "A pure democracy, by which I mean a society consisting of …" and "By a
/// faction, I understand a number of citizens …" → "What is meant by a
/// pure democracy?" → the meaning, cut at its clause (at most
/// [`MAX_MEANT_WORDS`] words).
fn stipulated(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let f = fold(s);
    let verbs = ["mean ", "understand "];
    let found = if let Some(p) = f.find(", by which ") {
        // the term: the phrase before ", by which", from the clause start
        let clause = s[..p].rsplit([',', ';', ':']).next().unwrap_or("").trim();
        // "… it may be concluded that a pure democracy": its last phrase
        let toks = super::nlp::tag(clause);
        let head = noun_phrases(clause, &toks)
            .last()
            .filter(|np| clause[np.end..].trim().is_empty())
            .map_or(clause, |np| clause[toks[np.first].start..].trim());
        let after = &f[p + ", by which ".len()..];
        let who = after.split_whitespace().next().unwrap_or("");
        let verb = verbs
            .iter()
            .find(|v| after[who.len()..].trim_start().starts_with(**v));
        verb.map(|v| {
            let at_meaning = p + ", by which ".len() + who.len();
            let rest = &s[at_meaning..];
            let k = rest.find(v.trim()).map_or(0, |k| k + v.len());
            (head.to_string(), &s[at_meaning + k..])
        })
    } else if f.starts_with("by ") {
        let comma = s.find(',');
        comma.and_then(|c| {
            let term = s[3..c].trim().to_string();
            let after = s[c + 1..].trim_start();
            let fa = fold(after);
            let subject_ok = fa.starts_with("i ") || fa.starts_with("we ");
            let v = verbs
                .iter()
                .find(|v| fa.split_once(' ').is_some_and(|(_, r)| r.starts_with(**v)))?;
            subject_ok.then(|| {
                let k = fa.find(v.trim()).map_or(0, |k| k + v.len());
                (term, &after[k..])
            })
        })
    } else {
        None
    };
    let Some((term, rest)) = found else { return };
    let term = term.trim_start_matches(|c: char| !c.is_alphanumeric());
    // the meaning up to its clause's end, or up to a relative clause
    let end = rest
        .find([';', '.', ':', '(', '\u{2014}'])
        .unwrap_or(rest.len());
    let mut meaning = rest[..end].trim().trim_end_matches(',');
    if word_count(meaning) > MAX_MEANT_WORDS {
        let parts: Vec<&str> = meaning.split(", ").collect();
        // "a society consisting of a small number of citizens, who assemble
        // and administer the government in person": the relative clause is
        // the meaning's point, and comes along when it fits
        let relative = parts
            .get(1)
            .is_some_and(|p| ["who ", "which ", "that "].iter().any(|r| p.starts_with(r)))
            && word_count(parts[0]) + parts.get(1).map_or(0, |p| word_count(p))
                <= MAX_STIPULATED_WORDS;
        meaning = if relative {
            &meaning[..parts[0].len() + 2 + parts[1].len()]
        } else {
            parts[0]
        };
        // "a number of citizens, whether …, who are united …": a stub
        // of a longer meaning is not the meaning
        if word_count(meaning) < 6 {
            return;
        }
    }
    let (tw, mw) = (word_count(term), word_count(meaning));
    if !(1..=6).contains(&tw) || !(2..=MAX_STIPULATED_WORDS).contains(&mw) {
        return;
    }
    let term = if term.chars().next().is_some_and(char::is_uppercase)
        && term
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.chars().all(char::is_lowercase))
    {
        let mut c = term.chars();
        c.next()
            .map(|x| x.to_lowercase().chain(c).collect::<String>())
            .unwrap_or_default()
    } else {
        term.to_string()
    };
    out.push(basic(
        at,
        format!("What is meant by {term}?"),
        meaning.to_string(),
        prior::DEFINITION + 0.5,
        "definition",
    ));
}

pub fn extract(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if word_count(s) < 4 || s.trim_end().ends_with('?') {
        return;
    }
    let toks = at.toks;
    let nps = noun_phrases(s, toks);
    named(at, ctx, toks, &nps, out);
    stipulated(at, out);
    copular(at, ctx, toks, &nps, out);
    conditional(at, ctx, toks, &nps, out);
}

/// Headings that name a part of any document, never a term.
const STRUCTURE_HEADINGS: &[&str] = &[
    "summary",
    "introduction",
    "conclusion",
    "conclusions",
    "overview",
    "background",
    "references",
    "notes",
    "see also",
    "description",
    "history",
    "contents",
    "abstract",
    "methods",
    "results",
    "discussion",
];

/// Longest glossary answer, in words.
pub const MAX_GLOSS_WORDS: usize = 16;

/// The definition a glossary paragraph opens with: its first sentence
/// without "This refers to", cut at a comma when too long.
fn gloss(first: &str) -> Option<String> {
    let s = first.trim().trim_end_matches(['.', ';', ':']).trim();
    let s = s
        .strip_prefix("This refers to ")
        .or_else(|| s.strip_prefix("This is "))
        .unwrap_or(s);
    let mut g = s;
    while word_count(g) > MAX_GLOSS_WORDS {
        g = g[..g.rfind(',')?].trim_end();
    }
    (word_count(g) >= 3).then(|| g.to_string())
}

/// Whether a sentence is a definition without a verb of its own ("The
/// movement of water through the atmosphere.").
fn verbless(s: &str) -> bool {
    !super::nlp::tag(s)
        .iter()
        .any(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))
}

/// A glossary: a run of short headings, each naming a term, whose
/// paragraphs open with what the term is ("Advection" / "The movement of
/// water through the atmosphere."). Each term is asked "What is
/// advection?". A run needs three terms or more, and most of their
/// definitions verbless: one heading over prose is no glossary.
pub fn glossary(doc: &Doc, out: &mut Vec<Candidate>) {
    let term_of = |i: usize| -> Option<(&str, &str)> {
        let h = doc.blocks.get(i)?;
        let p = doc.blocks.get(i + 1)?;
        let t = h.text.trim();
        let n = word_count(t);
        (h.kind == BlockKind::Heading
            && p.kind == BlockKind::Para
            && (1..=3).contains(&n)
            && t.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && t.starts_with(char::is_uppercase)
            && !STRUCTURE_HEADINGS.contains(&fold(t).as_str()))
        .then(|| (t, p.sentences.first().map_or("", String::as_str)))
    };
    let mut i = 0;
    while i < doc.blocks.len() {
        let mut run = Vec::new();
        let mut j = i;
        while let Some((term, first)) = term_of(j) {
            run.push((j, term, first));
            j += 2;
        }
        let defined = run.iter().filter(|(_, _, f)| verbless(f)).count();
        if run.len() >= 3 && defined * 2 > run.len() {
            for &(h, term, first) in &run {
                let Some(def) = gloss(first) else { continue };
                // the term named in its own definition gives nothing to learn
                if fold(&def).contains(&fold(term)) {
                    continue;
                }
                let name = if term.split_whitespace().count() == 1
                    || term.chars().skip(1).all(|c| !c.is_uppercase())
                {
                    term.to_lowercase()
                } else {
                    term.to_string()
                };
                out.push(Candidate {
                    kind: CardKind::Basic,
                    front: format!("What is {name}?"),
                    back: capitalise(&def),
                    items: vec![],
                    ordered: false,
                    block: h + 1,
                    sentence: 0,
                    locator: doc.blocks[h + 1].locator.clone(),
                    context: first.to_string(),
                    score: prior::DEFINITION,
                    origin: "glossary",
                });
            }
        }
        i = if run.is_empty() { i + 1 } else { j };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn named_terms_take_articles_gerunds_and_short_rests() {
        let doc = "The stack stores values in order. Memory is freed twice.";
        super::super::with_ctx(doc, |ctx| {
            let ask = |s: &str| {
                let toks = super::super::nlp::tag(s);
                let nps = noun_phrases(s, &toks);
                let at = At {
                    prev: Some("Both variables then try to release the same memory region."),
                    ..At::alone(s, &toks)
                };
                let mut out = Vec::new();
                named(at, ctx, &toks, &nps, &mut out);
                out.into_iter().map(|c| c.back).collect::<Vec<_>>()
            };
            assert_eq!(
                ask("This is known as a double free error and is one of the memory safety bugs we mentioned previously."),
                vec!["double free error".to_string()]
            );
            assert_eq!(
                ask("This is referred to as last in, first out (LIFO)."),
                vec!["last in, first out (LIFO)".to_string()]
            );
            let two = "Adding data is called pushing onto the stack, and removing data is called popping off the stack.";
            let toks = super::super::nlp::tag(two);
            let nps = noun_phrases(two, &toks);
            let mut out = Vec::new();
            named(At::alone(two, &toks), ctx, &toks, &nps, &mut out);
            assert_eq!(out.len(), 1);
            assert_eq!(
                out[0].items,
                vec!["pushing".to_string(), "popping".to_string()]
            );
            assert!(
                out[0].front.contains("called ___ onto the stack"),
                "{}",
                out[0].front
            );
            assert_eq!(
                ask("Scientists call such a hot ionized gas a plasma."),
                vec!["plasma".to_string()]
            );
            assert!(
                ask("Your friend calls you on your phone to join her at the entrance.").is_empty()
            );
            assert!(ask("Rust calls drop automatically at the closing bracket.").is_empty());
            // a pronoun or a clause with its own verb is no term
            assert!(ask("This is what we call it.").is_empty());
            assert!(ask("Such a man is called, when he fails, a fool who tried.").is_empty());
        });
    }

    #[test]
    fn a_glossary_of_short_headings_is_asked_term_by_term() {
        let doc = super::super::document::parse(
            "Water cycle\n\nProcesses\n\nSnowmelt\n\nThe runoff produced by melting snow.\n\n\
             Advection\n\nThe movement of water through the atmosphere. Without it, no rain falls on land.\n\n\
             Deposition\n\nThis refers to changing of water vapor directly to ice.\n\n\
             Percolation\n\nWater flows vertically through the soil and rocks under the influence of gravity.\n\n\
             Summary\n\nThe water cycle involves many of these processes, as the sections above have shown.\n",
        );
        let mut out = Vec::new();
        glossary(&doc, &mut out);
        let got: Vec<(String, String)> = out.into_iter().map(|c| (c.front, c.back)).collect();
        assert!(
            got.contains(&(
                "What is advection?".into(),
                "The movement of water through the atmosphere".into()
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                "What is deposition?".into(),
                "Changing of water vapor directly to ice".into()
            )),
            "{got:?}"
        );
        assert!(
            got.iter().any(|(f, _)| f == "What is percolation?"),
            "{got:?}"
        );
        // a heading over prose after the run is no term
        assert!(!got.iter().any(|(f, _)| f.contains("summary")), "{got:?}");
        // one heading over prose is no glossary
        let doc = super::super::document::parse("Notes\n\nIntroduction\n\nThe movement of water.\n\nMethods\n\nWe measured rain daily.\n");
        let mut out = Vec::new();
        glossary(&doc, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_head_without_its_long_clause_is_no_definition() {
        let ask = |s: &str| {
            let toks = super::super::nlp::tag(s);
            let nps = noun_phrases(s, &toks);
            let i = toks
                .iter()
                .position(|t| t.text == "the" || t.text == "a")
                .unwrap();
            definition_span(s, &nps, i).map(|(a, b)| s[a..b].to_string())
        };
        assert_eq!(
            ask("IRIS is the first space mission that is able to obtain high spatial resolution images of the different features produced over this range."),
            None
        );
        assert_eq!(
            ask("The corona is the outer atmosphere of the Sun."),
            Some("outer atmosphere of the Sun".to_string())
        );
    }

    #[test]
    fn a_rank_is_no_definition() {
        let doc =
            "Development is the first priority. The corona is the outer atmosphere of the Sun.";
        super::super::with_ctx(doc, |ctx| {
            let ask = |s: &str| {
                let toks = super::super::nlp::tag(s);
                let nps = noun_phrases(s, &toks);
                let mut out = Vec::new();
                copular(At::alone(s, &toks), ctx, &toks, &nps, &mut out);
                out.into_iter()
                    .filter(|c| c.origin == "definition")
                    .map(|c| c.front)
                    .collect::<Vec<_>>()
            };
            assert!(
                ask("Development is the first priority and applies to all countries.").is_empty()
            );
            assert!(ask("Security is the most important task of the council.").is_empty());
            assert_eq!(
                ask("The corona is the outer atmosphere of the Sun."),
                vec!["What is the corona?".to_string()]
            );
        });
    }

    #[test]
    fn stipulated_meanings_are_asked() {
        let ask = |s: &str| {
            let toks = super::super::nlp::tag(s);
            let at = At::alone(s, &toks);
            let mut out = Vec::new();
            stipulated(at, &mut out);
            out.pop().map(|c| (c.front, c.back))
        };
        assert_eq!(
            ask("A republic, by which I mean a government in which the scheme of representation takes place, opens a different prospect."),
            Some(("What is meant by a republic?".into(), "a government in which the scheme of representation takes place".into()))
        );
        assert_eq!(
            ask("It may be concluded that a pure democracy, by which I mean a society consisting of a small number of citizens, who assemble in person, can admit of no cure."),
            Some(("What is meant by a pure democracy?".into(), "a society consisting of a small number of citizens, who assemble in person".into()))
        );
        assert_eq!(
            ask("By a faction, I understand a number of citizens, whether amounting to a majority or a minority of the whole, who are united by some common impulse."),
            None
        );
    }
}
