//! Filters, near-duplicate merging, ranking and sizing of candidates.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::candidate::Candidate;
use super::frame::{starts_with_pronoun, GAP};
use super::gaps::{is_topic, Ctx};
use super::text::{self, fold, Stems};
use super::workers;
use crate::model::CardKind;
use std::hash::BuildHasher;

/// A candidate that did not make it into the deck, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub source: String,
    pub front: String,
    /// The answer it would have had (items joined with "; ").
    pub answer: String,
    pub reason: String,
}

/// Letters and digits only, space-separated (for leak checks).
/// A candidate this strong may take a place beyond its paragraph's share
/// when the deck is short of its size.
const STRONG: f64 = 3.0;
/// How many cards beyond its share a paragraph may then give.
const EXTRA_PER_BLOCK: usize = 2;

/// A question that never reaches its sentence's main clause: a trimmed
/// question ("But when the right to vote … is denied" cut to "But when the
/// right to vote at any election … the ___ officers of a State …") with no
/// finite verb left, or a quoted saying cut after its "If" clause ("___
/// said, 'If a man withdraws his mind from the love of beauty, and …").
fn cut_before_main_clause(c: &Candidate) -> Option<String> {
    // (without a list's "(3 items)")
    let body = without_section(&c.front).trim_end();
    let body = match body.rfind(" (") {
        Some(i) if body.ends_with("items)") => body[..i].trim_end(),
        _ => body,
    };
    // (only when the question keeps its sentence's opening, and that is a
    // subordinate or prepositional phrase, "But when …", "After one year
    // …": a question cut at both ends may have left its verb before the
    // cut, and the tagger misses verbs such as "Some consist …")
    let opening = body
        .split_whitespace()
        .map(fold)
        .find(|w| !matches!(w.as_str(), "but" | "and" | "or"))
        .unwrap_or_default();
    let subordinate = super::context::SUBORDINATORS.contains(&opening.as_str())
        || matches!(
            opening.as_str(),
            "after" | "before" | "in" | "on" | "at" | "during" | "from" | "for" | "with" | "by"
        );
    if body.ends_with('\u{2026}') && !body.starts_with('\u{2026}') && subordinate {
        let frame = body.replace(GAP, "things");
        let toks = super::nlp::tag(&frame);
        let finite = toks.iter().enumerate().any(|(i, t)| {
            matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD") || i == 0 && t.tag.name() == "VB"
        });
        if !finite {
            return Some("the question is cut before its main verb".into());
        }
    }
    // the quotation of "X said, '…'"
    let ctx = c.context.as_str();
    let quote = ["said, '", "said, \u{2018}", "said, \"", "said, \u{201c}"]
        .iter()
        .find_map(|p| ctx.find(p).map(|i| &ctx[i + p.len()..]))?;
    let toks = super::nlp::tag(quote);
    super::context::is_fragment(quote, &toks)
        .then(|| "the saying is cut before its main clause".to_string())
}

/// Whether a "he"/"she" ending at `end` in `body` means anyone: "He who
/// …", or any "he" inside a quoted saying ("The Master said, 'If for three
/// years he does not alter …'").
fn generic_he(body: &str, end: usize, context: &str) -> bool {
    let who = body[end..].trim_start().to_lowercase().starts_with("who ");
    let quoted = ["said, '", "said, \u{2018}", "said, \"", "said, \u{201c}"]
        .iter()
        .any(|q| context.contains(q))
        || context
            .trim_start()
            .starts_with(['\'', '\u{2018}', '"', '\u{201c}'])
        // (the saying's last sentence: "… he may be called filial.'")
        || context
            .trim_end()
            .strip_suffix(['\'', '\u{2019}', '"', '\u{201d}'])
            .is_some_and(|t| t.ends_with(['.', '!', '?']));
    who || quoted
}

/// Below this score a key-term gap is not worth a card (see
/// [`reject_reason`]). Read against the corpus and three blind readings:
/// key-term cards under it were mostly everyday nouns ("conventions",
/// "teachings", "sphere", "scripts", "helm") that readers dropped; at 2.0
/// the corpus loses one gold fact for 37 cards.
pub const KEY_TERM_FLOOR: f64 = 2.0;

/// Most cards from one sentence, unless the next is a strong one (a
/// figure, a list): blind readers dropped a third gap in one sentence as
/// trivial ("The terms of the ___ shall end … and the terms of Senators …").
pub const MAX_PER_SENTENCE: usize = 2;

pub fn canon(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    for w in f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether `short` is spelled from every one of `words` in order, two
/// letters or more of each, each part opening with its word's first
/// letter and taking the rest from it in order ("devops" from
/// "development", "operations").
fn prefixes_spell(short: &str, words: &[String]) -> bool {
    fn from_word(part: &str, w: &str) -> bool {
        let mut letters = w.chars();
        part.chars().next() == w.chars().next() && part.chars().all(|p| letters.any(|l| l == p))
    }
    fn go(short: &str, words: &[String]) -> bool {
        match words.split_first() {
            None => short.is_empty(),
            Some((w, rest)) => (2..=short.len()).any(|n| {
                short.is_char_boundary(n) && from_word(&short[..n], w) && go(&short[n..], rest)
            }),
        }
    }
    words.len() >= 2 && short.is_ascii() && go(short, words)
}

/// A gap whose answer is built from the question's own words. Blind
/// readers dropped each of these as a leak:
/// - an identifier whose pieces the question all shows ("if class Foo has
///   an attribute named __a, … accessed by ___" → Foo.__a);
/// - a word joined from two neighbouring words of the question, the first
///   shortened ("Documentation Strings: PEP 257 describes ___" → good
///   docstring conventions);
/// - a gloss ("from the Greek for “___”") that shares a piece of five
///   letters or more with a word of the question ("The name chromosphere,
///   from the Greek for “___”" → colored sphere).
fn compound_leak(c: &Candidate) -> Option<String> {
    if !c.items.is_empty() {
        return None;
    }
    let front: Vec<String> = canon(&c.front)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let answer = canon(&c.back);
    let pieces: Vec<&str> = answer.split(' ').filter(|w| !w.is_empty()).collect();
    let identifier = c.back.contains(['.', '_']) && !c.back.contains(' ');
    if identifier && pieces.len() >= 2 && pieces.iter().all(|p| front.iter().any(|f| f == p)) {
        return Some(format!(
            "answer '{}' is spelled out in the question",
            c.back
        ));
    }
    // (a plural is the same word: "string" in "strings")
    let stem = |w: &str| {
        w.strip_suffix('s')
            .filter(|t| t.len() >= 4)
            .unwrap_or(w)
            .to_string()
    };
    let joined = pieces.iter().any(|a| {
        let a = stem(a);
        front.windows(2).any(|w| {
            let (first, second) = (stem(&w[0]), stem(&w[1]));
            a.len() > second.len() + 2
                && a.ends_with(&second)
                && first.starts_with(&a[..a.len() - second.len()])
        })
    });
    if joined {
        return Some(format!(
            "answer '{}' joins two words of the question",
            c.back
        ));
    }
    // "development and operations (___)" → DevOps: a short form in
    // brackets made of the leading letters of the words before it
    if c.front.contains("(___)") && pieces.len() == 1 {
        let before = c.front.split("(___)").next().unwrap_or("");
        let content: Vec<String> = canon(before)
            .split(' ')
            .filter(|w| !w.is_empty() && !text::is_stop(w))
            .map(str::to_string)
            .collect();
        let tail = &content[content.len().saturating_sub(4)..];
        if (0..tail.len()).any(|from| prefixes_spell(pieces[0], &tail[from..])) {
            return Some(format!(
                "answer '{}' shortens the words before it in the question",
                c.back
            ));
        }
    }
    let before = c.front.split("___").next().unwrap_or("");
    let gloss = before
        .trim_end_matches(['"', '\'', '\u{201c}', '\u{2018}', ' '])
        .to_lowercase();
    if gloss.ends_with(" for") || gloss.ends_with(" meaning") || gloss.ends_with(" means") {
        let shared = pieces.iter().filter(|a| a.len() >= 5).any(|a| {
            let a = stem(a);
            front
                .iter()
                .any(|f| f.len() >= a.len() + 3 && f.contains(&a))
        });
        if shared {
            return Some(format!(
                "answer '{}' glosses a word of the question",
                c.back
            ));
        }
    }
    None
}

/// List items cut from modifiers of one noun that only the last item
/// shows: "a skilled | experienced | empowered Service Manager" (each
/// earlier item an adjective, or ending on "a"/"the" and an adjective),
/// "dry chemical | dry powder hose assemblies" (the last opens like the
/// first and runs two words or more longer), "hydrostatic test pump |
/// hand | power operated" (a participle ends the last item only). Blind
/// readers dropped them as garbled.
pub fn shares_a_head(items: &[String]) -> bool {
    // (a lexicon adjective or participle: "skilled", "empowered")
    let modifier = |w: &str| {
        super::nlp::lexicon_tag(&fold(w)).is_some_and(|t| t.is_adjective() || t.name() == "VBN")
    };
    let Some((last, rest)) = items.split_last() else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let last_words: Vec<&str> = last.split_whitespace().collect();
    // "operated and improved by a skilled": an item ending on a determiner
    // and an adjective stops before its noun
    let cut = rest.iter().any(|i| {
        let w: Vec<&str> = i.split_whitespace().collect();
        w.len() >= 2
            && matches!(fold(w[w.len() - 2]).as_str(), "a" | "an" | "the")
            && modifier(w[w.len() - 1])
    });
    let modifiers = last_words.len() >= 2
        && modifier(last_words[0])
        && rest.iter().all(|i| !i.contains(' ') && modifier(i));
    let first_words: Vec<&str> = rest[0].split_whitespace().collect();
    let longer = rest.len() == 1
        && first_words.len() <= 2
        && last_words.len() >= first_words.len() + 2
        && first_words.first().map(|w| fold(w)) == last_words.first().map(|w| fold(w));
    // "hydrostatic test pump | hand | power operated": a last item ending
    // on a participle the others lack modifies the first, no list
    let participle = |w: &str| super::nlp::lexicon_tag(&fold(w)).is_some_and(|t| t.name() == "VBN");
    let dangling = last_words.len() >= 2
        && last_words.last().is_some_and(|w| participle(w))
        && rest
            .iter()
            .all(|i| i.split_whitespace().last().is_some_and(|w| !participle(w)));
    // "acceptable self-generating type soda acid | foam extinguishers":
    // a plural head on the second of two items only, the first ending on
    // a singular noun, is the head of both
    let plural_head = rest.len() == 1
        && last_words.len() == 2
        && first_words.len() >= 2
        && rest[0].starts_with(char::is_lowercase)
        && super::nlp::lexicon_tag(&fold(last_words[1])).is_some_and(|t| t.name() == "NNS")
        && first_words.last().is_some_and(|w| {
            let f = fold(w);
            !f.ends_with('s') && super::nlp::lexicon_tag(&f).is_some_and(|t| t.name() == "NN")
        });
    cut || modifiers || longer || dangling || plural_head
}

/// A pointer to things the question never names: "Each of these
/// departments will agree …", "avoid such clashes by using a ___",
/// "watch these metrics". "these"/"those" (or "such" before a plural)
/// and the common noun after them (past its modifiers) point back to a
/// sentence the card does not show, unless the question names the noun
/// before. A name ("these Greeks") and "such … as" ("such subsidiary
/// organs as it deems necessary") are no pointers. Blind readers dropped
/// such cards as vague.
fn unresolved_pointer(c: &Candidate, stems: &text::Stems) -> Option<String> {
    let body = without_section(&c.front);
    // "His couriers rode with his decrees …": whose, the card never says
    let first = fold(body.split_whitespace().next().unwrap_or(""));
    if matches!(first.as_str(), "his" | "her" | "their" | "its") {
        return Some(format!(
            "the question opens with '{first}' and never says whose"
        ));
    }
    // (tagging is the cost: most questions hold no pointer word)
    let folded = format!(" {} ", canon(body));
    if ![" these ", " those ", " such "]
        .iter()
        .any(|p| folded.contains(p))
    {
        return None;
    }
    let toks = super::nlp::tag(body);
    for (i, t) in toks.iter().enumerate() {
        let w = fold(t.text);
        if !matches!(w.as_str(), "these" | "those" | "such") {
            continue;
        }
        // the noun the pointer qualifies, past adjectives and participles
        let Some(k) = toks[i + 1..]
            .iter()
            .take(3)
            .position(|n| !(n.tag.is_adjective() || n.tag.is_participle()))
            .map(|k| i + 1 + k)
        else {
            continue;
        };
        let noun = &toks[k];
        let lexicon_noun = super::nlp::lexicon_tag(&fold(noun.text)).is_some_and(|l| l.is_noun());
        if !noun.tag.is_noun()
            || noun.tag.is_proper()
            || !lexicon_noun
            || noun.text.starts_with(char::is_uppercase)
            || toks[i + 1..=k].iter().any(|n| n.text.contains("___"))
        {
            continue;
        }
        // "those … areas where …", "such … organs as …": the phrase says
        // which ones itself
        let rest = fold(&body[noun.end..]);
        let restricted = ["where", "which", "that", "who", "whose", "as"]
            .iter()
            .any(|r| rest.split_whitespace().take(2).any(|x| x == *r));
        if restricted || w == "such" && (noun.tag.name() != "NNS" || rest.contains(" as ")) {
            continue;
        }
        let stem = stems.stem(noun.text);
        let named_before = stems.content_stems(&body[..t.start]).contains(&stem);
        if !named_before {
            return Some(format!(
                "'{} {}' points to a sentence the card does not show",
                t.text, noun.text
            ));
        }
    }
    None
}

/// A gap whose words lead in again elsewhere in its own sentence with
/// another filling ("without the cross-bar for yoking the ___ to, or … the
/// arrangement for yoking the horses?" → oxen) is guessed from its
/// parallel; and a single word just after "that"/"who" ("The general that
/// ___ to my counsel" → hearkens) is a verb, not a term. Blind readers
/// dropped both as trivial.
fn parallel_or_verb_gap(c: &Candidate) -> Option<String> {
    if c.kind != CardKind::Cloze || !c.items.is_empty() || c.origin == "figure" {
        return None;
    }
    let at = c.context.find(c.back.as_str())?;
    let words = text::folded_words;
    let before = words(&c.context[..at]);
    let answer = words(&c.back);
    let after = words(&c.context[at + c.back.len()..]);
    if answer.len() == 1
        && before
            .last()
            .is_some_and(|w| matches!(w.as_str(), "that" | "who"))
        // ("that" never determines a plural: "that hearkens" is a verb)
        && (super::nlp::lexicon_tag(&answer[0]).is_some_and(|t| t.is_verb())
            || answer[0].ends_with('s') && !answer[0].ends_with("ss"))
    {
        return Some(format!("'{}' is a verb, not a term", c.back));
    }
    // (one word: a phrase is rarely guessed from its partner, "member of
    // the ___" → Security Council beside "Member of the United Nations")
    if before.len() < 3 || answer.len() != 1 {
        return None;
    }
    let probe = &before[before.len() - 3..];
    if probe.iter().all(|w| text::is_stop(w)) {
        return None;
    }
    let mut all = before.clone();
    all.extend(answer.iter().cloned());
    all.extend(after);
    let gap_at = before.len();
    let other = all.windows(4).enumerate().find_map(|(i, w)| {
        (i + 3 != gap_at && w[..3] == *probe && w[3] != answer[0]).then(|| w[3].clone())
    })?;
    Some(format!(
        "the sentence fills the same words with '{other}' too (guessed from its parallel)"
    ))
}

/// Why a candidate fails the hard filters, if it does.
pub fn reject_reason(c: &Candidate, ctx: &Ctx<'_>) -> Option<String> {
    // a term gap that is neither rare nor central ("should follow ___ that
    // reflect usage" → conventions) is guessed or shrugged at; a figure or
    // date keeps its card
    if c.origin == "key-term"
        && c.score < KEY_TERM_FLOOR
        && !c.back.contains(|ch: char| ch.is_ascii_digit())
        && !c.back.split_whitespace().any(|w| {
            let w = fold(w);
            // (an ordinal dates an answer: "the eighth century B.C.")
            text::number_value(&w).is_some() || crate::numbers::is_ordinal(&w)
        })
    {
        return Some(format!(
            "'{}' is too common and too peripheral a term to ask (score {:.2})",
            c.back, c.score
        ));
    }
    if let Some(why) = cut_before_main_clause(c) {
        return Some(why);
    }
    // "This is indeed what is happening, because …": the sentence confirms
    // a guess about something the card does not show
    let opener: Vec<String> = c.context.split_whitespace().take(4).map(fold).collect();
    if opener.len() == 4
        && matches!(opener[0].as_str(), "this" | "that")
        && opener[1] == "is"
        && (opener[2] == "what" || opener[3] == "what")
    {
        return Some("the sentence confirms something the card does not show".into());
    }
    // "Type of extinguishers | Test interval (years) Soda acid …": a row
    // of a table flattened into text, not a sentence
    if c.context.matches(" | ").count() >= 2 {
        return Some("the source is a table row, not a sentence".into());
    }
    let fw = text::word_count(&c.front);
    if fw < 3 {
        return Some("question shorter than 4 words".into());
    }
    if fw > 48 {
        return Some(format!("question of {fw} words"));
    }
    if starts_with_pronoun(&c.front) {
        return Some("question starts with an unresolved pronoun".into());
    }
    // "What are they not the root of all benevolent actions?'?"
    if c.front.matches('?').count() > 1 && c.origin != "rhetorical" {
        return Some("question garbled around a question mark of the text".into());
    }
    // "Department for Culture, ___ (DCMS)": the abbreviation after the
    // answer spells more than the answer
    if !c.back.is_empty()
        && c.back.starts_with(char::is_uppercase)
        && c.context.find(c.back.as_str()).is_some_and(|at| {
            super::context::abbreviates_more(&c.context[at + c.back.len()..], &c.back)
        })
    {
        return Some("the gap cuts a name".into());
    }
    if super::context::initials_before(&c.front, &c.back) {
        return Some(format!(
            "'{}' is the initials of the words before it",
            c.back
        ));
    }
    if let Some(why) = points_elsewhere(&c.front) {
        return Some(format!("question {why}"));
    }
    if let Some(why) = lost_context(c) {
        return Some(why);
    }
    if let Some(why) = unresolved_pointer(c, ctx.stems) {
        return Some(why);
    }
    if let Some(why) = parallel_or_verb_gap(c) {
        return Some(why);
    }
    // "Digital by default services are ___." → more efficient and more
    // convenient for users: a comparison with nothing to compare with is
    // a judgement many answers fit
    let bare_front = without_section(&c.front).trim_end();
    if c.items.is_empty()
        && matches!(
            fold(c.back.split_whitespace().next().unwrap_or("")).as_str(),
            "more" | "less"
        )
        && [" is ___.", " are ___.", " was ___.", " were ___."]
            .iter()
            .any(|e| bare_front.ends_with(e))
        && !fold(&c.back).contains(" than ")
    {
        return Some(format!("'{}' compares with nothing the card names", c.back));
    }
    // "the makeup of the Sun is ___ in general" → quite typical of stars:
    // a degree adverb opens a judgement, not a term (dropped as garbled)
    if c.items.is_empty()
        && matches!(
            fold(c.back.split_whitespace().next().unwrap_or("")).as_str(),
            "quite" | "very" | "rather" | "fairly" | "extremely" | "somewhat" | "too" | "so"
        )
    {
        return Some(format!("'{}' opens with a degree adverb", c.back));
    }
    if c.kind == CardKind::List {
        if let Some(why) = elsewhere_opening(without_section(&c.front), true) {
            return Some(why);
        }
    }
    if is_headline(&c.context) {
        return Some("the source is a heading, not a statement".into());
    }
    // "and/or legal advisor for the department | agency": a list split
    // inside its own items
    // "… | programming languages | rest": "the rest of the stack" is no item
    if c.kind == CardKind::List
        && c.items.iter().any(|i| {
            let f = fold(i);
            f.contains("and/or")
                || matches!(f.as_str(), "rest" | "the rest" | "others" | "so forth")
        })
    {
        return Some("list items are not parallel phrases (cut in the wrong place)".into());
    }
    // "The core of it boils down to ___": a pointer the list question
    // never resolves
    if c.kind == CardKind::List {
        let f = format!(" {} ", fold(without_section(&c.front)));
        // ("the requirements of this section": the text's own part)
        let own_part = [
            "section",
            "article",
            "chapter",
            "part",
            "paragraph",
            "amendment",
            "act",
        ]
        .iter()
        .any(|p| f.contains(&format!(" of this {p}")));
        if [" of it ", " of them ", " of this ", " of these "]
            .iter()
            .any(|p| f.contains(p))
            && !own_part
        {
            return Some("list question leans on 'it' from elsewhere".into());
        }
    }
    // "Is your service hosted in ___? (3 items)", "How long does it take to
    // ___ a typical bug fix?": a question the text asks its reader is a
    // prompt, and its list no fact (a rhetorical question asks "What …?")
    if c.kind == CardKind::List
        && c.front.contains(GAP)
        && c.context
            .trim_end()
            .trim_end_matches(['\'', '"', '\u{2019}', '\u{201d}'])
            .ends_with('?')
    {
        return Some("the source sentence is a question".into());
    }
    if c.kind == CardKind::List && says_nothing(&c.front) {
        return Some("list question says nothing of what it lists".into());
    }
    // "___ among the chief. (6 items)": a list question with no verb is a
    // fragment of a sentence
    // (the items may hold the verbs: "projects ___" → do not work well |
    // are delivered late; an imperative may open it: "Monitor …")
    if c.kind == CardKind::List {
        let frame = without_section(&c.front).replace("___", "things");
        let toks = super::nlp::tag(&frame);
        let verb = toks.iter().any(|t| t.tag.is_verb() || t.tag.name() == "MD")
            || toks.first().is_some_and(|t| {
                super::nlp::lexicon_tag(&t.text.to_lowercase()).is_some_and(|l| l.is_verb())
            });
        let verb_items = c.items.iter().any(|i| {
            super::nlp::tag(i)
                .iter()
                .take(2)
                .any(|t| t.tag.is_verb() || t.tag.name() == "MD" || fold(t.text) == "not")
        });
        if !verb && !verb_items {
            return Some("list question is a fragment with no verb".into());
        }
    }
    // ("entrepreneurs, nonprofits, other agencies, and the public": an
    // adjective after "the" is a noun)
    let with_articles: Vec<String> = c
        .items
        .iter()
        .map(|i| {
            let the = format!("the {i}");
            if !i.contains(' ') && c.context.contains(&the) {
                the
            } else {
                i.clone()
            }
        })
        .collect();
    // (clauses a count delimits need not be noun phrases)
    if c.kind == CardKind::List
        && c.origin != "clause-list"
        && c.items.len() >= 2
        && !parallel_items(&with_articles)
        && !noun_first_in_context(&c.items, &c.context)
    {
        return Some("list items are not parallel phrases (cut in the wrong place)".into());
    }
    // "protecting nature | Lucid waters | lush mountains": an item written
    // with a capital after one without starts a new clause, not an item
    // (a name keeps its capital: "France | the United Kingdom")
    // ("Southwestern United States" is a name: its next word has a
    // capital too)
    let new_clause = c.kind == CardKind::List
        && c.origin != "clause-list"
        && c.items.windows(2).any(|p| {
            let (a, b) = (p[0].trim(), p[1].trim());
            let mut bw = b.split_whitespace();
            let first = bw.next().unwrap_or("");
            let second_lower = bw.next().is_some_and(|w| w.starts_with(char::is_lowercase));
            a.starts_with(char::is_lowercase)
                && first.len() > 1
                && first.starts_with(char::is_uppercase)
                && first.chars().skip(1).all(|ch| ch.is_lowercase())
                && second_lower
                && super::nlp::lexicon_tag(&fold(first)).is_some_and(|t| t.is_adjective())
        });
    if new_clause {
        return Some("list items run into a new clause".into());
    }
    // "scientific advancement and its benefits": an item the text gives
    // as "its …"/"their …" belongs to the item before, no parallel item
    // (unless every item has it: "their possessions, their opinions")
    let owned = |i: &String| {
        c.context
            .match_indices(i.as_str())
            .next()
            .is_some_and(|(at, _)| {
                let before = format!(" {}", fold(c.context[..at].trim_end()));
                before.ends_with(" its") || before.ends_with(" their")
            })
    };
    if c.kind == CardKind::List
        && !c.items.first().is_some_and(owned)
        && c.items.iter().skip(1).any(owned)
    {
        return Some("a list item belongs to the one before ('its …')".into());
    }
    // "Department for Culture, Media and Sport (DCMS)": capitalised items
    // followed by a short form are the words of one name, no list
    if c.kind == CardKind::List
        && c.items.iter().all(|i| i.starts_with(char::is_uppercase))
        && c.items.last().is_some_and(|last| {
            c.context
                .match_indices(last.as_str())
                .last()
                .is_some_and(|(at, _)| {
                    let after = c.context[at + last.len()..].trim_start();
                    after.strip_prefix('(').is_some_and(|r| {
                        let short: String = r.chars().take_while(|ch| *ch != ')').collect();
                        short.len() >= 2
                            && short.len() < r.len()
                            && short.chars().all(|ch| ch.is_ascii_uppercase())
                    })
                })
        })
    {
        return Some("the items are the words of one name (a short form follows)".into());
    }
    // "Thus class_ is better than ___" → clss: a word of four letters or
    // more with no vowel is a misspelling shown as an example, nothing to
    // learn (a short identifier, "cls", is one)
    if c.items.is_empty()
        && !c.back.contains(' ')
        && c.back.len() >= 4
        && c.back.chars().all(|ch| ch.is_ascii_lowercase())
        && !c.back.contains(['a', 'e', 'i', 'o', 'u', 'y'])
    {
        return Some(format!("'{}' is no word", c.back));
    }
    if c.kind == CardKind::List && shares_a_head(&c.items) {
        return Some(
            "list items share a head noun only the last shows (cut in the wrong place)".into(),
        );
    }
    let answers = c.answer_items();
    // "x | y", "When s comes into scope": a program's variables are no
    // facts to recall without the code
    let variable = |a: &str| {
        text::words(a).iter().any(|w| {
            let mut ch = w.text.chars();
            matches!((ch.next(), ch.next()), (Some(l), None) if l.is_ascii_lowercase() && l != 'a')
        })
    };
    // (a unit after a number, "122 m", and a list of naming styles, "b |
    // B | lowercase", are not variables)
    let named_style = c.kind == CardKind::Outline && answers.iter().any(|a| a.trim().len() == 1);
    if !named_style
        && answers
            .iter()
            .any(|a| variable(a) && !a.contains(|ch: char| ch.is_ascii_digit()))
    {
        return Some("the answer names a program variable".into());
    }
    if answers.len() > 7 {
        return Some(format!("{} items (lists are split at 7)", answers.len()));
    }
    let limit = match c.kind {
        // a definition or a part's title is one fact, if a longer one
        // ("What is meant by a pure democracy?" → a society … of citizens,
        // who assemble and administer the government in person)
        CardKind::Basic if c.origin == "definition" && c.front.contains("What is meant by") => {
            super::definitions::MAX_STIPULATED_WORDS
        }
        CardKind::Basic if c.origin == "definition" => 12,
        // a rule's "by" phrase or what a body consists of
        CardKind::Basic if c.origin == "provision" => super::provisions::MAX_ANSWER_WORDS,
        CardKind::Basic if c.origin == "glossary" => super::definitions::MAX_GLOSS_WORDS,
        CardKind::Basic => 10,
        _ if c.items.is_empty() => 7,
        CardKind::Outline => super::outline::MAX_BULLET_WORDS,
        _ if c.origin == "clause-list" => super::lists::MAX_CLAUSE_ITEM_WORDS,
        _ => 6,
    };
    if let Some(long) = answers.iter().find(|a| text::word_count(a) > limit) {
        return Some(format!("answer '{long}' is longer than {limit} words"));
    }
    if answers.iter().any(|a| text::word_count(a) == 0) {
        return Some("empty answer".into());
    }
    let front_canon = format!(" {} ", canon(&c.front));
    // a handful of stems: a list is quicker than a hash set
    let front_stems = ctx.stems.content_stems(&c.front);
    let leaked: Vec<&String> = answers
        .iter()
        .filter(|a| {
            let ac = canon(a);
            let stems = ctx.stems.content_stems(a);
            front_canon.contains(&format!(" {ac} "))
                || (!stems.is_empty()
                    && stems.iter().all(|s| {
                        // the grader takes a shared stem prefix of 5 letters as a match
                        front_stems.iter().any(|f| {
                            f == s
                                || f.len().min(s.len()) >= 5
                                    && (f.starts_with(&**s) || s.starts_with(&**f))
                        })
                    }))
        })
        .collect();
    // (one item of four or more named elsewhere in the question, "enable
    // reuse by ___" → … | the public, still leaves the list to recall)
    let tolerated = c.kind == CardKind::List && answers.len() >= 4 && leaked.len() == 1;
    if let Some(a) = leaked.first().filter(|_| !tolerated) {
        return Some(format!("answer '{a}' leaks into the question"));
    }
    // "named it helium (after ___)" → helios: a one-word answer spelled
    // almost like a word of the question gives itself away
    if c.items.is_empty() && !c.back.contains(' ') && c.back.chars().count() >= 5 {
        let a = fold(&c.back);
        let near = text::words(&c.front).iter().any(|w| {
            let f = fold(w.text);
            f != a
                && f.chars().count() >= 5
                && f.chars().take(4).eq(a.chars().take(4))
                && f.chars().count().abs_diff(a.chars().count()) <= 1
        });
        if near {
            return Some(format!(
                "answer '{}' is spelled like a word of the question",
                c.back
            ));
        }
    }
    if let Some(why) = compound_leak(c) {
        return Some(why);
    }
    if let Some(why) = descriptive_pair(c, ctx) {
        return Some(why);
    }
    // "many programmers", "many tables": a quantity word and an everyday
    // noun are guessed
    let first_answer = answers
        .first()
        .and_then(|a| a.split_whitespace().next())
        .map(fold)
        .unwrap_or_default();
    if c.items.is_empty()
        && text::word_count(&c.back) == 2
        && matches!(
            first_answer.as_str(),
            "many" | "some" | "several" | "few" | "most"
        )
    {
        return Some(format!("'{}' is a quantity, not a fact", c.back));
    }
    // "table A | table B | A again": a series that repeats its items
    if answers
        .iter()
        .any(|a| a.split_whitespace().any(|w| fold(w) == "again"))
    {
        return Some("the items repeat each other".into());
    }
    // "We'll discuss ___ in Chapter 8": a pointer to another chapter
    if points_to_other_chapter(&c.context) {
        return Some("the sentence points to another chapter".into());
    }
    if let Some(why) = name_out_of_role(c, ctx) {
        return Some(why);
    }
    // ("by the Security Council": who acts is the rule's fact)
    let bare = c
        .back
        .strip_prefix("by the ")
        .or_else(|| c.back.strip_prefix("by "))
        .unwrap_or(&c.back);
    if c.items.is_empty() && is_topic(bare, ctx) {
        return Some(format!("'{}' is a topic word (guessable)", c.back));
    }
    if c.items.is_empty() {
        // most of a phrase's words shown in the question give it away
        let stems = ctx.stems.content_stems(&c.back);
        let shown = stems.iter().filter(|s| front_stems.contains(s)).count();
        // a figure is its number: "almost ___ lower … and 50 times lower"
        // asks for "20 times", and the unit shown elsewhere gives nothing away
        let numbers: Vec<&str> = c
            .back
            .split_whitespace()
            .filter(|w| w.contains(|ch: char| ch.is_ascii_digit()))
            .collect();
        let figure_hidden = !numbers.is_empty()
            && numbers
                .iter()
                .all(|n| !front_canon.contains(&format!(" {} ", canon(n))));
        // (of two words, a modifier shown in another form leaves the head
        // to recall: "Transactional services … by a skilled, experienced
        // and empowered ___" → Service Manager; a shown head does not:
        // "discharged by the Vice President as ___" → Acting President)
        // (the modifier shown only in another form of the word, "services"
        // for "Service": the same word shown, "Class A or ___" → Class B,
        // gives the answer away)
        let same_word = text::words(&c.back).iter().any(|w| {
            let f = format!(" {} ", canon(w.text));
            f.trim().len() > 1 && front_canon.contains(&f)
        });
        let head_hidden = stems.len() == 2
            && shown == 1
            && !same_word
            && stems.last().is_some_and(|h| !front_stems.contains(h));
        if stems.len() >= 2 && shown * 2 >= stems.len() && !figure_hidden && !head_hidden {
            return Some(format!("answer '{}' is half in the question", c.back));
        }
    }
    if c.kind == CardKind::Cloze {
        if let Some(why) = cloze_fault(c) {
            return Some(why);
        }
    }
    None
}

/// "A Foolish Consistency is the Hobgoblin of Little Minds": a line in
/// title case with no closing stop is a heading (too long to be parsed as
/// one), a slogan rather than a statement to learn.
fn is_headline(s: &str) -> bool {
    let s = s.trim();
    if s.ends_with(['.', '!', '?', ';', ':']) {
        return false;
    }
    // (a long preposition may stay lower case: "The Layers of the Sun
    // beneath the Visible Surface")
    let w = text::words(s);
    let long: Vec<_> = w
        .iter()
        .filter(|x| x.text.chars().count() > 3 && !text::is_stop(x.text))
        .collect();
    let capital = long
        .iter()
        .filter(|x| x.text.starts_with(char::is_uppercase))
        .count();
    long.len() >= 3
        && capital * 4 >= long.len() * 3
        && w.first()
            .is_some_and(|x| x.text.starts_with(char::is_uppercase))
}

/// "We'll discuss non-ownership aspects of String in Chapter 8", "as we
/// will see in Chapter 15": the sentence only says where something else is.
fn points_to_other_chapter(sentence: &str) -> bool {
    // (an aside in brackets leaves the sentence its own fact)
    let mut plain = String::with_capacity(sentence.len());
    let mut depth = 0usize;
    for ch in sentence.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    let w = text::words(&plain);
    let chapter = w.windows(2).any(|p| {
        matches!(fold(p[0].text).as_str(), "chapter" | "chapters")
            && p[1].text.starts_with(|c: char| c.is_ascii_digit())
    });
    let pointer = w.iter().any(|x| {
        matches!(
            fold(x.text).as_str(),
            "we'll" | "will" | "later" | "see" | "discuss" | "discussed" | "covered"
        )
    });
    chapter && pointer
}

/// A name the text keeps using ("General Assembly") is an answer only in
/// the slot of the one who acts: "expelled by the ___", "the ___ shall
/// …". Inside a longer name ("the 19th ___ of the Communist Party",
/// "National Congress of the ___") or as a plain object it is guessed.
fn name_out_of_role(c: &Candidate, ctx: &Ctx<'_>) -> Option<String> {
    if !c.items.is_empty() || c.kind != CardKind::Cloze {
        return None;
    }
    if !text::is_multiword_name(&c.back) {
        return None;
    }
    let often = ctx
        .positions
        .count(&c.back, super::gaps::TOPIC_PHRASE_COUNT)
        >= super::gaps::TOPIC_PHRASE_COUNT;
    let at = c.front.find("___")?;
    let before: Vec<String> = c.front[..at]
        .split_whitespace()
        .rev()
        .take(3)
        .map(String::from)
        .collect();
    let after: Vec<String> = c.front[at + 3..]
        .split_whitespace()
        .take(3)
        .map(String::from)
        .collect();
    let capital = |w: Option<&String>| w.is_some_and(|w| w.starts_with(char::is_uppercase));
    let of_the = |a: Option<&String>, b: Option<&String>| {
        a.is_some_and(|x| fold(x) == "of") && b.is_some_and(|x| fold(x) == "the")
    };
    let in_longer_name = of_the(before.get(1), before.first()) && capital(before.get(2))
        || of_the(after.first(), after.get(1)) && capital(after.get(2))
        || capital(after.first())
        || before
            .first()
            .is_some_and(|w| w.chars().any(|ch| ch.is_ascii_digit()));
    let agent = before.first().is_some_and(|w| fold(w) == "by")
        || before.first().is_some_and(|w| fold(w) == "the")
            && before.get(1).is_some_and(|w| fold(w) == "by");
    let subject = after.first().is_some_and(|w| {
        matches!(
            fold(w).as_str(),
            "shall" | "may" | "must" | "will" | "can" | "has" | "have" | "is" | "are" | "was"
        )
    });
    // ("the Charter of the ___" → United Nations: the rest of a title is
    // guessed even where the text names it once)
    let title_rest = of_the(before.get(1), before.first()) && capital(before.get(2));
    (title_rest || often && (in_longer_name || !(agent || subject)))
        .then(|| format!("'{}' is asked outside the role of one who acts", c.back))
}

/// "a ___ in many cities" → smoggy day, "a ___ in 1925" → brilliant
/// thesis: an adjective and an everyday noun the text uses once describe,
/// they name nothing a student learns (a term the text repeats, "radiative
/// zone", is a term).
fn descriptive_pair(c: &Candidate, ctx: &Ctx<'_>) -> Option<String> {
    if !c.items.is_empty() || !matches!(c.origin, "key-term" | "claim") {
        return None;
    }
    let toks = super::nlp::tag(&c.back);
    let [adj, noun] = toks.as_slice() else {
        return None;
    };
    // a classifying adjective ("procedural matters", "isotopic
    // techniques", "legislative act") makes a term; a describing one
    // ("smoggy", "brilliant", "utmost", "warmer") does not
    let a = fold(adj.text);
    let classifying = !matches!(adj.tag.name(), "JJR" | "JJS")
        && (a.contains(['/', '-'])
            || [
                "al", "ic", "ics", "ary", "ory", "ive", "ar", "ist", "ed", "ful", "ile", "ine",
                "th",
            ]
            .iter()
            .any(|x| a.ends_with(x)));
    // (a word the lexicon does not know as an adjective, "standpipe",
    // "hyporheic", is the text's own)
    let described = adj.tag.is_adjective()
        && !classifying
        && super::nlp::lexicon_tag(adj.text).is_some_and(|t| t.is_adjective())
        && noun.tag.is_noun()
        && !noun.tag.is_proper()
        && !adj.text.starts_with(char::is_uppercase)
        && super::nlp::zipf(noun.text) >= 4.0
        && ctx.positions.count(&c.back, 2) < 2
        && ctx.positions.count(adj.text, 2) < 2;
    described.then(|| format!("'{}' describes, it names no term", c.back))
}

/// A question without the section names before it ("Play 4: …").
fn without_section(front: &str) -> &str {
    let mut frame = front;
    while let Some((head, rest)) = frame.split_once(": ") {
        if text::word_count(head) > 4 || head.contains("___") {
            break;
        }
        frame = rest;
    }
    frame
}

/// A question after its section's name ("The Stack and the Heap: … are
/// ___" → "… are ___"), for the checks on how the sentence itself opens
/// (a section name is a whole title of up to six words, with no gap).
/// [`without_section`] takes off names of up to four words only, so that a
/// list's own lead-in ("Promote the community from five aspects: ___")
/// still counts as what its question says.
fn after_section_name(front: &str) -> &str {
    match front.split_once(": ") {
        Some((head, rest)) if text::word_count(head) <= 6 && !head.contains(GAP) => rest,
        _ => front,
    }
}

/// "E.g. ___. (3 items)": a list question (after its section names) with
/// no word of its own says nothing of what it lists.
fn says_nothing(front: &str) -> bool {
    let frame = without_section(front);
    let said = text::words(frame)
        .iter()
        .filter(|w| {
            !w.text.contains('_')
                && !text::is_stop(w.text)
                && !matches!(fold(w.text).as_str(), "e.g" | "i.e" | "example" | "items")
                && !w.text.chars().all(|ch| ch.is_ascii_digit())
        })
        .count();
    said == 0
}

/// A card whose sentence leans on what came before it, or is an aside:
/// "… which fully demonstrates …", "-- then the ___ will …",
/// "Thereupon Congress shall …", "(An ___ could still …)".
fn lost_context(c: &Candidate) -> Option<String> {
    let body = after_section_name(&c.front);
    // "The ___, for example, ran together …": an example of what the
    // card does not show; "matters mentioned in paragraph 1 (b) above"
    let f = fold(body);
    if f.contains(", for example,") || f.contains(", for instance,") {
        return Some("an example of something the card does not show".into());
    }
    if f.contains(" above")
        && ["paragraph", "mentioned", "article", "section"]
            .iter()
            .any(|k| f.contains(k))
    {
        let w: Vec<&str> = f.split_whitespace().collect();
        let refers = w.iter().enumerate().any(|(i, x)| {
            x.trim_matches(|ch: char| !ch.is_alphanumeric()) == "above"
                && w[i.saturating_sub(4)..i].iter().any(|y| {
                    y.starts_with("paragraph") || y.starts_with("mentioned") || y.starts_with('(')
                })
        });
        if refers {
            return Some("question points to a passage above it".into());
        }
    }
    let opening = body.trim_start_matches(['\u{2026}', '-', '\u{2014}', '\u{2013}', ' ']);
    let first = fold(opening.split_whitespace().next().unwrap_or(""));
    if opening.len() < body.len()
        && matches!(
            first.as_str(),
            "which" | "who" | "whose" | "whom" | "where" | "then"
        )
    {
        return Some(format!("question opens mid-sentence with '{first}'"));
    }
    // "… an important contribution of China to the world" cut from "This
    // is …": the subject that was cut was only a pointer anyway
    let mut ctx_words = c.context.split_whitespace().map(fold);
    let ctx_first = ctx_words.next().unwrap_or_default();
    // "This article shall be inoperative …" under "Amendment XVIII:" points
    // to the part the card names
    let own_part = ctx_first == "this"
        && body.len() < c.front.len()
        && ctx_words.next().is_some_and(|w| {
            matches!(
                w.as_str(),
                "article" | "section" | "amendment" | "chapter" | "part" | "clause"
            )
        });
    if body.starts_with('\u{2026}')
        && !own_part
        && matches!(
            ctx_first.as_str(),
            "this" | "it" | "these" | "they" | "that" | "he" | "she"
        )
    {
        return Some(format!("question cut from a sentence about '{ctx_first}'"));
    }
    if matches!(first.as_str(), "thereupon" | "whereupon" | "then") {
        return Some(format!(
            "question opens with '{first}', which points elsewhere"
        ));
    }
    let ctx = c.context.trim();
    let opens = ctx.matches('(').count();
    let closes = ctx.matches(')').count();
    if closes > opens && ctx.trim_end_matches('.').ends_with(')') {
        return Some("the source sentence is the end of an aside in brackets".into());
    }
    // "Communist Party of China (___)": the spelled-out name gives the
    // initials away
    if let Some(at) = c.context.find(&format!("({})", c.back)) {
        let initials: String = c.context[..at]
            .split_whitespace()
            .rev()
            .take(8)
            .filter_map(|w| w.chars().next().filter(|ch| ch.is_uppercase()))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let letters: String = c.back.chars().filter(|ch| ch.is_uppercase()).collect();
        if letters.len() >= 2 && initials.ends_with(&letters) {
            return Some(format!("the initials '{}' follow their full name", c.back));
        }
    }
    None
}

/// A lone everyday noun inside a set phrase is guessed from the phrase:
/// "act in ___ with" (accordance), "for its ___." (consideration),
/// "respectful to his ___." (elders).
fn set_phrase_gap(c: &Candidate) -> Option<String> {
    // "in ___" → "terms of runtime performance": the answer opens with
    // the rest of a set phrase ("in terms of", "by means of")
    let mut aw = c.back.split_whitespace().map(fold);
    if let (Some(head), Some(of)) = (aw.next(), aw.next()) {
        let prep_before = c.front.find("___").is_some_and(|at| {
            c.front[..at]
                .split_whitespace()
                .next_back()
                .is_some_and(|w| matches!(fold(w).as_str(), "in" | "on" | "by" | "with" | "at"))
        });
        let set_head = matches!(
            head.as_str(),
            "terms"
                | "means"
                | "case"
                | "spite"
                | "behalf"
                | "front"
                | "place"
                | "way"
                | "favor"
                | "favour"
                | "lieu"
                | "view"
                | "light"
                | "respect"
                | "addition"
                | "order"
                | "course"
                | "regard"
                | "relation"
                | "accordance"
                | "charge"
        );
        if prep_before && set_head && of == "of" {
            return Some(format!("'{}' opens with a set phrase", c.back));
        }
    }
    if c.back.contains(' ')
        || !c.back.chars().all(|ch| ch.is_lowercase())
        || super::nlp::zipf(&c.back) < 3.5
    {
        return None;
    }
    let at = c.front.find("___")?;
    let before: Vec<String> = c.front[..at]
        .split_whitespace()
        .rev()
        .take(2)
        .map(fold)
        .collect();
    let after = c.front[at + 3..].trim_start();
    let next = fold(after.split_whitespace().next().unwrap_or(""));
    let ends = after.is_empty() || after.starts_with(['.', ',', ';', '\'', '\u{2019}']);
    let prep = |w: &str| matches!(w, "in" | "on" | "for" | "to" | "with" | "by" | "at");
    let possessive = |w: &str| matches!(w, "its" | "his" | "her" | "their" | "our" | "your" | "my");
    let hit = match before.as_slice() {
        [w, p, ..] if possessive(w) && prep(p) => {
            ends || matches!(next.as_str(), "of" | "to" | "with")
        }
        [p, ..] if prep(p) => matches!(next.as_str(), "of" | "to" | "with"),
        _ => false,
    };
    hit.then(|| format!("'{}' is guessed from the set phrase around it", c.back))
}

/// "In ___, residence times can be estimated in two ways": a gap that
/// opens the sentence as its setting fits any field or period.
fn open_setting(body: &str, answer: &str) -> Option<String> {
    // "In ___, helium was found" → 1868: a date is a fact
    if answer.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let at = body.find("___")?;
    let before = text::words(&body[..at]);
    // ("During colder ___, …", "In the ___, …")
    let opens = (1..=3).contains(&before.len())
        && matches!(
            fold(before[0].text).as_str(),
            "in" | "for" | "on" | "at" | "during" | "with" | "by" | "after" | "before" | "under"
        )
        && body[at + 3..].trim_start().starts_with(',');
    opens.then(|| "the gap is the setting that opens the sentence".into())
}

/// "… a ___ (MVP)": initials right after the gap spell the answer out.
fn initials_after_gap(body: &str) -> Option<String> {
    let at = body.find("___")?;
    let rest = body[at + 3..].trim_start().strip_prefix('(')?;
    let inner = &rest[..rest.find(')')?];
    let initials = inner.len() >= 2
        && inner
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-');
    initials.then(|| "initials after the gap give the answer away".into())
}

/// "… to assure this requirement is met", "the following checklist":
/// a demonstrative whose noun the question never names before.
fn unresolved_demonstrative(body: &str) -> Option<String> {
    let w = text::words(body);
    for (i, x) in w.iter().enumerate() {
        let f = fold(x.text);
        let following = f == "following" && i > 0 && fold(w[i - 1].text) == "the";
        let pointer = matches!(f.as_str(), "this" | "these" | "those") || following;
        let Some(noun) = w.get(i + 1) else { continue };
        if !pointer || text::is_stop(noun.text) || noun.text.contains("___") {
            continue;
        }
        // "this requirement", "these rules": a noun that only names the
        // kind of thing pointed at elsewhere ("this section" is the
        // document itself, and stands)
        let generic = matches!(
            fold(noun.text).trim_end_matches('s'),
            "requirement"
                | "rule"
                | "list"
                | "checklist"
                | "case"
                | "point"
                | "issue"
                | "problem"
                | "approach"
                | "method"
                | "idea"
                | "view"
                | "pattern"
                | "example"
                | "question"
                | "condition"
                | "provision"
                | "standard"
                | "practice"
                | "principle"
                | "step"
        );
        if !(following || generic) {
            continue;
        }
        // "… the following conditions: When the unit …" shows what follows
        let shown = body[noun.end..]
            .trim_start()
            .strip_prefix(':')
            .is_some_and(|rest| text::word_count(rest) >= 3);
        if following && shown {
            continue;
        }
        let n = fold(noun.text);
        let stem = n.trim_end_matches('s');
        let named_before = w[..i]
            .iter()
            .any(|e| fold(e.text).trim_end_matches('s') == stem);
        if !named_before {
            return Some(format!(
                "question leans on '{} {}' from elsewhere",
                x.text, noun.text
            ));
        }
    }
    None
}

/// Words that point at something the card does not show.
const POINTERS: &[&str] = &[
    "it", "this", "these", "those", "they", "them", "he", "she", "him", "her",
];

/// "The other, by giving …", "Some other may follow …", "As a result,
/// …": a question that goes on from a sentence the card does not show.
/// (A list's own lead-in may open with "Here are …" or "Both …".)
fn elsewhere_opening(body: &str, list: bool) -> Option<String> {
    let w = text::words(body);
    let first = w.first().map(|x| fold(x.text)).unwrap_or_default();
    let opening: Vec<String> = w.iter().take(3).map(|x| fold(x.text)).collect();
    let opening = opening.join(" ");
    if [
        "the other",
        "some other",
        "as a result",
        "in that case",
        "for this reason",
    ]
    .iter()
    .any(|o| opening.starts_with(o))
    {
        return Some(format!(
            "question opens with '{opening}', which points elsewhere"
        ));
    }
    // "And, particularly, for that …", "(And, as we will see, …)": the
    // sentence goes on from the one before
    if matches!(first.as_str(), "and" | "or" | "nor") {
        return Some(format!(
            "question opens with '{first}', which goes on from elsewhere"
        ));
    }
    // "Few came up even to ___": a quantity of what the card does not say
    let second_verb = w
        .get(1)
        .and_then(|x| super::nlp::lexicon_tag(&fold(x.text)))
        .is_some_and(|t| t.is_verb());
    if !list
        && second_verb
        && matches!(first.as_str(), "few" | "many" | "most" | "none" | "several")
    {
        return Some(format!(
            "question opens with '{first}', which points elsewhere"
        ));
    }
    if !list
        && matches!(
            first.as_str(),
            "one" | "another" | "such" | "both" | "here" | "so"
        )
    {
        return Some(format!(
            "question opens with '{first}', which points elsewhere"
        ));
    }
    None
}

/// Why a gap sentence would not stand alone, or cuts its answer badly.
fn cloze_fault(c: &Candidate) -> Option<String> {
    let body = after_section_name(&c.front);
    // a cross-reference is no fact of the text ("Appendix C", "(15)")
    let first_answer_word = fold(c.back.split_whitespace().next().unwrap_or(""));
    if matches!(
        first_answer_word.as_str(),
        "appendix"
            | "chapter"
            | "chapters"
            | "section"
            | "sections"
            | "figure"
            | "figures"
            | "table"
            | "tables"
            | "listing"
            | "page"
            | "pages"
            | "paragraph"
            | "paragraphs"
    ) {
        return Some("the answer is a cross-reference".into());
    }
    // "For example, the os.stat() function returns a ___ whose items …"
    // → tuple: a term of an example is no fact of the text (its figures
    // may be)
    let example = ["for example", "for instance", "e.g."]
        .iter()
        .any(|p| fold(c.context.trim_start()).starts_with(p));
    if example && matches!(c.origin, "key-term" | "claim" | "concept" | "name") {
        return Some("the sentence is an example".into());
    }
    // "The philosopher ___ said, '…'", "___ asked how to …", "Some one
    // addressed ___, saying": who speaks is not what the saying teaches
    // (and many names would fit)
    if let Some((_, after)) = body.split_once(GAP) {
        let next: Vec<String> = after.split_whitespace().take(2).map(fold).collect();
        let next: Vec<&str> = next
            .iter()
            .map(|w| w.trim_end_matches([',', ':']))
            .collect();
        let speaks = matches!(
            next.first(),
            Some(&("said" | "asked" | "replied" | "answered" | "observed"))
        ) || next.starts_with(&["was", "driving"]);
        let saying = after.trim_start().starts_with(", saying");
        if speaks && c.back.starts_with(char::is_uppercase) || saying {
            return Some("the answer is who speaks, not what is said".into());
        }
    }
    // "through bulk downloads and APIs (___)" → application programming
    // interfaces: spelling out an abbreviation is general knowledge
    if let Some((head, _)) = body.split_once("(___)") {
        let acronym = head.trim_end().rsplit(' ').next().is_some_and(|w| {
            let letters: String = w.chars().filter(|ch| ch.is_alphabetic()).collect();
            letters.len() >= 2 && letters.chars().filter(|ch| ch.is_uppercase()).count() >= 2
        });
        if acronym {
            return Some("the answer spells out an abbreviation".into());
        }
    }
    // "it will be "___, world!"": a gap that cuts a quotation
    if ["\"___,", "\u{201c}___,", "\"___!", "\u{201c}___!"]
        .iter()
        .any(|p| body.contains(p))
    {
        return Some("the gap cuts a quotation".into());
    }
    // "a new String with the value "___"": a program's string value
    if ["value", "string", "literal"].iter().any(|w| {
        let f = fold(body);
        f.contains(&format!("{w} \"___\"")) || f.contains(&format!("{w} \u{201c}___\u{201d}"))
    }) {
        return Some("the answer is a program's string value".into());
    }
    // "… thither they return again\" (___)" → KJV: a citation in
    // brackets is no fact of the text
    let citation = c.back.len() >= 2
        && c.back
            .chars()
            .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
        && body.contains(&format!("({GAP})"));
    if citation {
        return Some("the answer is a citation in brackets".into());
    }
    // "… in this passage: “The ___ toward the south, and turneth …": a
    // quotation the question opens and never closes is a broken fragment
    let quoted = without_section(&c.front);
    if quoted.matches('"').count() % 2 == 1
        || quoted.matches('\u{201c}').count() != quoted.matches('\u{201d}').count()
    {
        return Some("the question cuts a quotation short".into());
    }
    // "in ___" → "one's deliberations": a phrase owned by a pronoun is
    // everyday wording, not a term
    if matches!(
        first_answer_word.as_str(),
        "one's" | "one\u{2019}s" | "his" | "her" | "their" | "its" | "our" | "my" | "your"
    ) && c.origin == "key-term"
    {
        return Some("the answer opens with a possessive".into());
    }
    // "why are ___?" → "you not engaged in the government": a pronoun
    // opens a clause, not a term
    if matches!(
        first_answer_word.as_str(),
        "you" | "he" | "she" | "it" | "they" | "we" | "i" | "him" | "her" | "them" | "us"
    ) {
        return Some("the answer opens with a pronoun".into());
    }
    // "powered ___" → "from solar energy": the preposition belongs to the
    // question
    if matches!(
        first_answer_word.as_str(),
        "from"
            | "by"
            | "with"
            | "to"
            | "in"
            | "on"
            | "at"
            | "of"
            | "for"
            | "into"
            | "through"
            | "via"
            | "under"
            | "over"
            | "across"
            | "within"
            | "without"
            | "between"
            | "among"
            | "during"
            | "against"
            | "toward"
            | "towards"
    ) {
        return Some("the answer opens with a preposition".into());
    }
    // "estimated in ___" → "two ways": a count of a generic noun says
    // nothing until its items are named
    let aw: Vec<String> = c.back.split_whitespace().map(fold).collect();
    if aw.len() == 2
        && text::number_value(&aw[0]).is_some()
        && matches!(
            aw[1].as_str(),
            "ways"
                | "types"
                | "kinds"
                | "parts"
                | "things"
                | "forms"
                | "methods"
                | "steps"
                | "stages"
                | "aspects"
                | "reasons"
                | "points"
                | "categories"
                | "groups"
                | "sentence"
                | "sentences"
                | "word"
                | "words"
                | "thing"
        )
    {
        return Some(format!("'{}' counts what the card does not name", c.back));
    }
    if let Some(at) = c.context.find(c.back.as_str()) {
        // "(15)" is a citation; "(82%)" is a figure
        // "(521 B.C.)", "(1925)" are dates
        let date = c.back.contains(['.', ' '])
            || c.back.len() == 4 && c.back.bytes().all(|b| b.is_ascii_digit());
        if c.origin == "figure" && c.context[..at].ends_with('(') && !c.back.contains('%') && !date
        {
            return Some("the answer is a paragraph or citation number".into());
        }
    }
    if let Some(why) = set_phrase_gap(c) {
        return Some(why);
    }
    if let Some(at) = c.context.find(c.back.as_str()) {
        let before = c.context[..at].trim_end();
        let after = c.context[at + c.back.len()..].trim_start();
        // half of a range ("793–___")
        let dash_digit = |t: &str| {
            let mut ch = t.chars();
            matches!(ch.next(), Some('\u{2013}' | '-'))
                && ch.next().is_some_and(|d| d.is_ascii_digit())
        };
        let digit_dash = |t: &str| {
            let mut ch = t.chars().rev();
            matches!(ch.next(), Some('\u{2013}' | '-'))
                && ch.next().is_some_and(|d| d.is_ascii_digit())
        };
        if (digit_dash(before) || dash_digit(after))
            && c.back.starts_with(|ch: char| ch.is_ascii_digit())
        {
            return Some("the gap is one end of a range".into());
        }
        // "___ to £1.8 billion": the other end of a range follows
        let to_figure = after
            .strip_prefix("to ")
            .is_some_and(|t| t.starts_with(|ch: char| ch.is_ascii_digit() || "£$€".contains(ch)));
        if to_figure && c.back.contains(|ch: char| ch.is_ascii_digit()) {
            return Some("the gap is one end of a range".into());
        }
        // "rapidly ___ to 80%" → increase adoption: after an adverb the gap
        // is a verb phrase
        // ("is primarily ___" → solar radiation: after a copula it is the
        // complement)
        let mut bw2 = before.rsplit(' ');
        let adverb = bw2.next().unwrap_or("");
        let copula = bw2.next().is_some_and(|w| {
            matches!(
                fold(w).as_str(),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            )
        });
        if adverb.len() > 4
            && !copula
            && adverb.ends_with("ly")
            && !matches!(
                fold(adverb).as_str(),
                "only"
                    | "nearly"
                    | "roughly"
                    | "approximately"
                    | "early"
                    | "family"
                    | "fully"
                    | "exactly"
                    | "merely"
                    | "largely"
                    | "mostly"
                    | "mainly"
                    | "solely"
            )
            && !c.back.contains(|ch: char| ch.is_ascii_digit())
            && super::nlp::lexicon_tag(adverb).is_some_and(|t| t.is_adverb())
        {
            return Some("the gap after an adverb is a verb phrase".into());
        }
        // "one or ___" → two spaces: the other number gives it away
        let mut bw = before.rsplit(' ');
        if let (Some(conj), Some(num)) = (bw.next(), bw.next()) {
            if matches!(conj, "or" | "to")
                && (text::number_value(num).is_some() || fold(num) == "one" || num == "1")
                && c.back
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| text::number_value(w).is_some())
            {
                return Some("the gap is one end of a range".into());
            }
        }
        // "about ___ is stored in oceans, or about 97%": a share given
        // next to the figure lets it be worked out
        let restated = after
            .split(';')
            .next()
            .unwrap_or("")
            .find(", or ")
            .is_some_and(|k| {
                after[k + 5..]
                    .split_whitespace()
                    .take(3)
                    .any(|w| w.trim_end_matches(['.', ',']).ends_with('%'))
            });
        let share_in_sentence = c.context.find(", or ").is_some_and(|k| {
            c.context[k + 5..]
                .split_whitespace()
                .take(3)
                .any(|w| w.trim_end_matches(['.', ',', ')']).ends_with('%'))
        });
        if c.origin == "figure" && (restated || share_in_sentence && !c.back.contains('%')) {
            return Some("the figure is restated as a share beside it".into());
        }
        // "We now have ___, x and y" / "two ___, x and y": the count or
        // the counted noun of an apposition whose items follow
        if let Some(rest) = after.strip_prefix(',') {
            let head = rest.split([',', ';', '.']).next().unwrap_or("").trim();
            let listed = (head.contains(" and ") || head.contains(" or "))
                && !head.starts_with("and ")
                && !head.starts_with("or ")
                && text::word_count(head) <= 6;
            let counted = c.origin == "figure"
                || before
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| text::number_value(w).is_some_and(|n| n >= 2));
            if listed && counted {
                return Some("the items the count names follow it".into());
            }
        }
        // "short names: T, AnyStr, ___": one item of a list the list card
        // asks whole
        let listed_before = before.ends_with(',')
            && before[..before.len() - 1]
                .rsplit(' ')
                .take(4)
                .any(|w| w.ends_with(','));
        let listed_after =
            after.starts_with(',') || after.starts_with("and ") || after.starts_with("or ");
        // (a date set off by commas is no item: "crossed the Dardanelles,
        // ___, by a bridge of boats")
        if listed_before && (listed_after || after.starts_with('.') || after.is_empty())
            || before.ends_with(',')
                && after.starts_with(',')
                && (c.origin != "figure" || {
                    let next = fold(after[1..].trim_start());
                    next.starts_with("and ") || next.starts_with("or ")
                })
        {
            return Some("the gap is one item of a list".into());
        }
        // "To ___, modules should …": a purpose clause's verb phrase
        if before == "To" {
            return Some("the gap is the verb phrase of a purpose clause".into());
        }
        // "separated by a line containing a single ___ #": a term that
        // runs on into a symbol was cut
        if after.starts_with(['#', '*', '&', '@', '+', '=', '<', '>', '|', '~', '^']) {
            return Some("the gap cuts a term that runs on into a symbol".into());
        }
        // "made up of ___, shown on the left: a pointer, a length, and a
        // capacity": the list after the colon counts the answer out
        if c.origin == "figure"
            && after
                .split(':')
                .next()
                .is_some_and(|head| head.len() < after.len() && text::word_count(head) <= 5)
        {
            return Some("the items the figure counts follow it".into());
        }
    }
    // "Here are ___:", "Some other good reasons to ignore a ___:" announce
    // what follows; the facts are in the list, not the lead-in
    if c.context.trim_end().ends_with(':') {
        return Some("the source sentence announces what follows".into());
    }
    // a question in the text is the reader's prompt, not a fact
    if c.context.trim_end().ends_with('?') {
        return Some("the source sentence is a question".into());
    }
    // a sentence cut at its start has lost its subject or condition
    // ("… which", "-- without ___, what is there …")
    if body.starts_with(['\u{2026}', '-', '\u{2014}', '\u{2013}']) {
        return Some("question starts mid-sentence".into());
    }
    let w = text::words(body);
    let content = w.iter().filter(|x| !x.text.contains("___")).count();
    if content < 3 {
        return Some("question too short to say what it asks".into());
    }
    // "The Greeks were ___.": a short frame fits countless answers unless
    // it names a term ("The convective zone is ___.")
    // (a rule is a fact however short: "Comments should be ___.")
    let rule = w.iter().any(|x| {
        matches!(
            fold(x.text).as_str(),
            "should" | "must" | "shall" | "never" | "always"
        )
    });
    if content < 5 && !rule && super::definitions::rarity(&body.replace("___", " ")) > 3.3 {
        return Some("question too short to say what it asks".into());
    }
    if let Some(why) = open_setting(body, &c.back).or_else(|| initials_after_gap(body)) {
        return Some(why);
    }
    if let Some(why) = unresolved_demonstrative(body) {
        return Some(why);
    }
    // ("are ___" → "exempt from this requirement": the answer points too)
    if let Some(why) = unresolved_demonstrative(&format!("{} {}", body, c.back)) {
        return Some(format!("{why} (in the answer)"));
    }
    // a pronoun in the subject ("But it is …", "In this way they …"), or
    // "this"/"these" standing for a noun ("The ___ of this")
    // the sentence before, shown in the question, is the antecedent
    let pointers_resolved = super::frame::shows_prev(body, &c.context);
    // ("It is this thin region that we call the photosphere": a cleft's
    // "it" points at nothing)
    let cleft = super::frame::is_cleft(body);
    for (i, x) in w.iter().enumerate() {
        if pointers_resolved || !POINTERS.iter().any(|p| text::eq_fold(x.text, p)) {
            continue;
        }
        if cleft && i == 0 {
            continue;
        }
        let demonstrative = matches!(fold(x.text).as_str(), "this" | "these" | "those");
        // "The will of the people shall be …; this will shall be …": the
        // noun after it is shown earlier in the question
        let repeats = demonstrative
            && w.get(i + 1).is_some_and(|n| {
                (0..i).any(|k| {
                    text::eq_fold(w[k].text, n.text)
                        && (!text::is_stop(n.text)
                            || k > 0 && matches!(fold(w[k - 1].text).as_str(), "the" | "a" | "an"))
                })
            });
        // "This article shall be inoperative …": the text's own part
        let own_part = fold(x.text) == "this"
            && w.get(i + 1).is_some_and(|n| {
                matches!(
                    fold(n.text).as_str(),
                    "article" | "section" | "amendment" | "chapter" | "part" | "act" | "paragraph"
                )
            });
        if repeats || own_part {
            continue;
        }
        let alone = demonstrative
            && w.get(i + 1).is_none_or(|n| {
                !body[x.end..n.start].trim().is_empty()
                    || text::is_stop(n.text)
                    || text::is_verb(n.text)
            });
        // later in the sentence "they" needs an antecedent before it: a
        // plural word
        let f = fold(x.text);
        let earlier = &w[..i];
        // (the gap itself may be the antecedent: "___, if they only contain
        // …" → Tuples)
        let gap_plural = body[..x.start].contains("___") && c.back.ends_with('s');
        let plural_before = gap_plural
            || earlier
                .iter()
                .any(|e| e.text.len() > 3 && e.text.ends_with('s') && !text::is_stop(e.text));
        // ("students are probably most familiar with it as the light gas
        // …": "it" needs a singular noun before it)
        // (a clause may be its antecedent: "To see what is right and not to
        // do it"; "it is best to …" points at nothing)
        let singular_before = || {
            let before = &body[..x.start];
            let dummy = w
                .get(i + 1)
                .is_some_and(|n| matches!(fold(n.text).as_str(), "is" | "was"))
                && w.get(i + 3).is_some_and(|n| fold(n.text) == "to");
            dummy
                || before.contains("___")
                || text::words(before)
                    .iter()
                    .any(|w| matches!(fold(w.text).as_str(), "what" | "which" | "whatever"))
                || super::nlp::tag(before).iter().any(|t| {
                    matches!(t.tag.name(), "NN" | "NNP")
                        && !matches!(
                            fold(t.text).as_str(),
                            "today" | "now" | "tomorrow" | "yesterday"
                        )
                })
        };
        let unresolved = match f.as_str() {
            "they" | "them" => !plural_before,
            "it" if i >= 4 => !singular_before(),
            // "If for three years he does not alter …": "he" needs a name
            // or a person before it
            // ("He who aims to be …" is anyone; so is "he" in a quoted
            // saying: "'Is he not a man of complete virtue, who …?'")
            "he" | "she" | "her" if generic_he(body, x.end, &c.context) => false,
            // (a capitalised modifier is no person: "With the Phoenician
            // fleet at his disposal he …")
            "he" | "she" | "her" => !earlier.iter().enumerate().any(|(k, e)| {
                k > 0
                    && e.text.starts_with(char::is_uppercase)
                    && !text::is_stop(e.text)
                    && !earlier.get(k + 1).is_some_and(|n| {
                        n.text.starts_with(char::is_lowercase)
                            && super::nlp::lexicon_tag(n.text).is_some_and(|t| t.is_noun())
                    })
                    || matches!(
                        fold(e.text).as_str(),
                        "man"
                            | "woman"
                            | "person"
                            | "son"
                            | "father"
                            | "mother"
                            | "king"
                            | "ruler"
                            | "scholar"
                            | "student"
                            | "child"
                            | "officer"
                            | "employee"
                            | "president"
                            | "member"
                            | "youth"
                            | "master"
                            | "teacher"
                            | "one"
                            | "anyone"
                            | "whoever"
                    )
            }),
            _ => false,
        };
        // (early in the question a pronoun is its subject's, unless a
        // plural right before it is the antecedent: "Scientists quickly
        // realized they …")
        let generic = matches!(f.as_str(), "he" | "she") && generic_he(body, x.end, &c.context);
        let early = i < 4
            && !generic
            && !(matches!(f.as_str(), "they" | "them") && (plural_before && i >= 2 || gap_plural));
        if early || alone || unresolved {
            return Some(format!("question leans on '{}' from elsewhere", x.text));
        }
    }
    if let Some(why) = elsewhere_opening(body, false) {
        return Some(why);
    }
    // "'At forty, I had no ___.": a saying whose speaker the card does not
    // name
    let quoted = body.starts_with(['\'', '"', '\u{2018}', '\u{201c}']);
    let first_person = w
        .iter()
        .any(|x| matches!(x.text, "I" | "my" | "me" | "My" | "Me"));
    let speaker = w.iter().any(|x| {
        matches!(
            fold(x.text).as_str(),
            "said" | "says" | "replied" | "asked" | "answered"
        )
    });
    if quoted && first_person && !speaker {
        return Some("a saying whose speaker the question does not name".into());
    }
    // code and shell lines are not sentences to learn from
    if ["$ ", "::", "-->", "`", "{", "}", " = ", "();"]
        .iter()
        .any(|k| c.context.contains(k))
    {
        return Some("the source line is code, not prose".into());
    }
    if matches!(
        c.origin,
        "key-term" | "claim" | "name" | "named-term" | "defined-term"
    ) {
        // part of a name ("Sun ___" for "Sun Tzŭ")
        if let Some(at) = c.context.find(c.back.as_str()) {
            let before = &c.context[..at];
            let prev_cap = before.ends_with(' ')
                && before
                    .trim_end()
                    .rsplit(' ')
                    .next()
                    .is_some_and(|p| p.chars().next().is_some_and(char::is_uppercase))
                && !before.trim_end().ends_with(['.', ':', ',', ';']);
            let next_cap = c.context[at + c.back.len()..]
                .strip_prefix(' ')
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_uppercase);
            let back_cap = c.back.chars().next().is_some_and(char::is_uppercase);
            // "the ___ of the United Nations" → Charter
            let rest = &c.context[at + c.back.len()..];
            let of_name = ["of the ", "of "].iter().any(|p| {
                rest.strip_prefix(' ')
                    .and_then(|r| r.strip_prefix(p))
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase)
            });
            if back_cap && (prev_cap && at > 0 || next_cap || of_name) {
                return Some("the gap cuts a name".into());
            }
            // the unit after a number ("530.3 ___") is guessable; the
            // figure's own card asks for both
            // (also in brackets: "(8,620 ___)" → kPa)
            if before.trim_end().rsplit(' ').next().is_some_and(|w| {
                w.trim_start_matches(['(', '['])
                    .starts_with(|ch: char| ch.is_ascii_digit())
            }) {
                return Some("the gap is the unit of a number".into());
            }
        }
        // a gap that cuts a coordination ("suffering ___ and deportation")
        if let Some(at) = c.context.find(c.back.as_str()) {
            let after = fold(c.context[at + c.back.len()..].trim_start());
            let before = fold(c.context[..at].trim_end());
            // "the stack and the ___"
            let before = before
                .strip_suffix(" the")
                .or_else(|| before.strip_suffix(" a"))
                .or_else(|| before.strip_suffix(" an"))
                .unwrap_or(&before)
                .to_string();
            // (not "in the bay of ___ and destroyed it": a verb follows)
            let verb_after = (after.starts_with("and ") || after.starts_with("or ")) && {
                let rest = &c.context[at + c.back.len()..];
                let toks = super::nlp::tag(rest);
                toks.get(1)
                    .is_some_and(|t| t.tag.is_verb() || t.tag.name() == "MD")
            };
            if (after.starts_with("and ") || after.starts_with("or ")) && !verb_after
                || before.ends_with(" and")
                || before.ends_with(" or")
            {
                return Some("the gap cuts a coordinated phrase".into());
            }
        }
        // a label's word before its number ("___ 4-1" → Listing)
        if let Some(at) = c.context.find(c.back.as_str()) {
            let after = c.context[at + c.back.len()..].trim_start();
            if after.starts_with(|ch: char| ch.is_ascii_digit()) {
                return Some("the answer is a label's name".into());
            }
        }
        // the answer should end on its head word, not a modifier ("a
        // single"); tagged in its sentence, where "executable" is a noun
        // (tagged alone first: the sentence is tagged only when that
        // says the answer ends badly, to keep the filter cheap)
        let alone = super::nlp::tag(&c.back);
        let suspect = alone.len() > 1
            && alone
                .last()
                .is_some_and(|t| !(t.tag.is_noun() || t.tag.is_number()));
        let ends_badly = suspect
            && match c.context.find(c.back.as_str()) {
                Some(at) => {
                    let toks = super::nlp::tag(&c.context);
                    let inside: Vec<_> = toks
                        .iter()
                        .filter(|t| t.start >= at && t.end <= at + c.back.len())
                        .collect();
                    inside.len() > 1
                        && inside.last().is_some_and(|t| {
                            !(t.tag.is_noun()
                                || t.tag.is_number()
                                || t.tag.is_adjective() && inside[0].tag.is_adjective())
                        })
                }
                None => true,
            };
        if ends_badly {
            return Some(format!("answer '{}' ends before its head word", c.back));
        }
    }
    None
}

/// Whether `needle` ("the opposite") modifies the noun after it ("in the
/// opposite order"), where it points nowhere. ("The former"/"the latter"
/// are left out: the tagger reads "the latter considers" as a noun.)
fn modifies_noun(front: &str, needle: &str) -> bool {
    let toks = super::nlp::tag(front);
    let last = needle.split_whitespace().last().unwrap_or("");
    toks.windows(3).any(|w| {
        fold(w[0].text) == "the"
            && fold(w[1].text) == last
            && w[2].tag.is_noun()
            && !w[2].tag.name().starts_with("NNP")
    })
}

/// A question that leans on text the card does not show: "the former",
/// "the latter", a numbered figure or listing.
fn points_elsewhere(front: &str) -> Option<&'static str> {
    let f = fold(front);
    for (needle, why) in [
        ("the former", "refers to 'the former'"),
        ("the latter", "refers to 'the latter'"),
        ("figure ", "refers to a figure"),
        ("listing ", "refers to a listing"),
        ("this circumstance", "refers to 'this circumstance'"),
        ("the reverse", "refers to 'the reverse'"),
        ("on the right is", "refers to a picture"),
        ("on the left is", "refers to a picture"),
        ("shown on the left", "refers to a picture"),
        ("shown on the right", "refers to a picture"),
        ("the opposite", "refers to 'the opposite'"),
        ("the converse", "refers to 'the converse'"),
    ] {
        if let Some(p) = f.find(needle) {
            let after = &f[p + needle.len()..];
            let numbered = after.starts_with(|c: char| c.is_ascii_digit());
            let adjective = matches!(needle, "the opposite" | "the reverse" | "the converse");
            if needle.ends_with(' ') && !numbered || adjective && modifies_noun(front, needle) {
                continue;
            }
            return Some(why);
        }
    }
    // "Examine that table and notice …", "as the adjacent figure shows"
    let w: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|x| !x.is_empty())
        .collect();
    w.windows(2)
        .any(|p| {
            matches!(
                p[0],
                "that" | "this" | "adjacent" | "above" | "following" | "below"
            ) && matches!(
                p[1],
                "table" | "figure" | "diagram" | "image" | "picture" | "chart" | "illustration"
            )
        })
        .then_some("refers to a table or figure the card does not show")
}

/// Whether list items are phrases of one kind: all noun-like, all verb
/// phrases, all "-ing" phrases, all prepositional… A mix ("service |
/// including online | offline touch points") means a list cut wrongly.
pub fn parallel_items(items: &[String]) -> bool {
    let class = |item: &str| -> u8 {
        let toks = super::nlp::tag(item);
        let Some(t) = toks.first() else { return 0 };
        let name = t.tag.name();
        // "landed interest": a participle before a noun modifies it
        let modifies =
            matches!(name, "VBD" | "VBN") && toks.get(1).is_some_and(|n| n.tag.is_noun());
        // "actuated by different sentiments": a participle with its own
        // phrase is a clause, not a noun phrase
        let clause = matches!(name, "VBD" | "VBN")
            && toks
                .get(1)
                .is_some_and(|n| matches!(n.tag.name(), "IN" | "TO" | "RB"));
        // "just and favourable conditions": a word joined to an adjective
        // is an adjective, whatever the tagger makes of it alone
        let joined_adjective = toks.get(1).is_some_and(|n| n.tag.name() == "CC")
            && toks.get(2).is_some_and(|n| n.tag.is_adjective());
        if clause {
            3
        } else if matches!(
            fold(t.text).as_str(),
            "including" | "such" | "especially" | "like"
        ) {
            6
        } else if (t.tag.is_adjective()
            || ["ful", "ous", "less", "able", "ible"]
                .iter()
                .any(|x| fold(t.text).ends_with(x)))
            && toks
                .get(1)
                .is_some_and(|n| matches!(n.tag.name(), "IN" | "TO"))
        {
            // "forgetful of the Ægean cities": a predicate, not a noun phrase
            7
        } else if t.tag.is_noun()
            || t.tag.is_adjective()
            || joined_adjective
            || t.tag.is_number()
            || t.tag.is_determiner()
            || matches!(name, "VBN" | "VBG" | "FW" | "POS" | "PRP")
            || modifies
        {
            1
        } else if t.tag.is_verb() {
            3
        } else if matches!(name, "IN" | "TO") {
            4
        } else if t.tag.is_adverb() {
            5
        } else {
            0
        }
    };
    // a word tagged alone is a guess ("upright" as an adverb among
    // "benign | upright | courteous"): a one-word item's class is only
    // trusted when it is a noun or adjective
    let classes: Vec<u8> = items
        .iter()
        .map(|i| match class(i) {
            3 | 5 if !i.trim().contains(' ') => 0,
            c => c,
        })
        .collect();
    // in a list of names or noun phrases, an item with a finite verb runs
    // on into the sentence ("Egypt | Syria | Media broke up the brief order")
    let finite = |item: &str| {
        super::nlp::tag(item)
            .iter()
            .skip(1)
            .any(|t| matches!(t.tag.name(), "VBD" | "VBZ" | "VBP" | "MD"))
    };
    // "reasonable international order | maintaining world peace |
    // achieving common prosperity": the first item lost its verb
    let gerund = |item: &str| {
        super::nlp::tag(item)
            .first()
            .is_some_and(|t| t.tag.name() == "VBG" && t.text.ends_with("ing"))
    };
    if items.len() >= 3 && items[1..].iter().all(|i| gerund(i)) && !gerund(&items[0]) {
        return false;
    }
    // "air | creating clouds | fog": one gerund phrase among nouns is a
    // clause the list ran into
    // ("lasting peace" beside "universal security": a participle before
    // the item's one noun modifies it, like the adjectives of the others)
    let adjective_noun = |i: &str| {
        let toks = super::nlp::tag(i);
        toks.len() == 2 && toks[0].tag.is_adjective() && toks[1].tag.is_noun()
    };
    let modified = items.iter().filter(|i| adjective_noun(i)).count() >= 2;
    let gerund_phrase = |i: &str| {
        let toks = super::nlp::tag(i);
        let modifier = modified && toks.len() == 2 && toks[1].tag.is_noun();
        gerund(i) && i.contains(' ') && !modifier
    };
    if items.len() >= 3
        && items.iter().filter(|i| gerund_phrase(i)).count() == 1
        && items.iter().filter(|i| !gerund(i)).count() == items.len() - 1
    {
        return false;
    }
    // "service | online | offline touch points", "local councils |
    // representative": a lone adjective among noun phrases shares a head
    // noun the list cut off
    let lone_adjective = |i: &str| {
        !i.trim().contains(' ')
            && super::nlp::lexicon_tag(i.trim()).is_some_and(|t| t.is_adjective())
    };
    let noun_phrase = |i: &str| {
        i.trim().contains(' ') && super::nlp::tag(i).last().is_some_and(|t| t.tag.is_noun())
    };
    if items.iter().any(|i| lone_adjective(i)) && items.iter().any(|i| noun_phrase(i)) {
        return false;
    }
    let nouny = classes.iter().filter(|&&c| c == 1).count();
    if nouny * 2 > classes.len() && items.iter().any(|i| finite(i)) {
        return false;
    }
    // the first item may carry a word of the sentence before it
    let rest = &classes[1..];
    let first = rest[0];
    rest.iter().all(|&c| c == first || c == 0 || first == 0)
        && (classes[0] == first
            || classes[0] == 0
            || first == 0
            || classes[0] == 1
            || first == 1 && classes[0] == 5)
}

/// "launch meetings | strategy rooms | daily standups": a first item that
/// looks like a verb phrase alone but is a noun in its sentence ("such as
/// launch meetings"), before noun-phrase items.
fn noun_first_in_context(items: &[String], context: &str) -> bool {
    if items.len() < 3 || !parallel_items(&items[1..]) {
        return false;
    }
    let Some(at) = context.find(items[0].as_str()) else {
        return false;
    };
    let toks = super::nlp::tag(context);
    let first_noun = toks
        .iter()
        .find(|t| t.start >= at)
        .is_some_and(|t| t.start == at && t.tag.is_noun());
    let rest_nouns = items[1..].iter().all(|i| {
        super::nlp::tag(i)
            .first()
            .is_some_and(|t| t.tag.is_noun() || t.tag.is_adjective())
    });
    first_noun && rest_nouns
}

/// The answer's stems, each as a 64-bit hash (sets of numbers can be made
/// on worker threads and compared without touching strings).
fn answer_stems(c: &Candidate, stems: &Stems) -> HashSet<u64> {
    let hasher = rustc_hash::FxBuildHasher;
    c.answer_items()
        .iter()
        .flat_map(|a| stems.content_stems(a))
        .map(|s| hasher.hash_one(&*s))
        .collect()
}

/// Jaccard similarity of two stem sets.
pub fn similarity(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// Near-duplicate threshold on answer stems (CARDS.md §4.4).
pub const DUPLICATE_JACCARD: f64 = 0.8;

/// Picks the deck: best per section and per block first (coverage), then by
/// score up to `budget`, at most `per_block` from one block, no duplicates.
pub fn select(
    cands: Vec<Candidate>,
    budget: usize,
    per_block: &dyn Fn(usize) -> usize,
    section_of: &dyn Fn(usize) -> usize,
    dropped: &mut Vec<Dropped>,
) -> Vec<Candidate> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        cands[b]
            .score
            .total_cmp(&cands[a].score)
            .then(cands[a].block.cmp(&cands[b].block))
            .then(cands[a].sentence.cmp(&cands[b].sentence))
            .then(cands[a].front.cmp(&cands[b].front))
    });
    // candidates cost about the same: weigh each like a short sentence
    let weights = vec![256; cands.len()];
    let sets: Vec<HashSet<u64>> = workers::map_ranges(&weights, Stems::default, |stems, a, b| {
        cands[a..b]
            .iter()
            .map(|c| answer_stems(c, stems))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    // question stems, to tell one name's two facts from one fact asked
    // twice: only cards whose answer is a name need them, so they are made
    // when asked for, not for every candidate
    let front_stems = Stems::default();
    let hasher = rustc_hash::FxBuildHasher;
    let front_set = |c: &Candidate| -> HashSet<u64> {
        front_stems
            .content_stems(&c.front)
            .iter()
            .map(|s| hasher.hash_one(&**s))
            .collect()
    };
    let mut chosen: Vec<usize> = Vec::new();
    let mut taken = vec![false; cands.len()];
    let mut per: HashMap<usize, usize> = HashMap::default();
    let mut fronts: HashSet<String> = HashSet::default();
    // stem -> chosen indices, to find near-duplicates without comparing all pairs
    let mut index: HashMap<u64, Vec<usize>> = HashMap::default();

    // "General Assembly" in two articles answers two facts: which organ
    // acts is what each card asks (at most three cards per name)
    let mut per_name: HashMap<String, usize> = HashMap::default();
    let name_key = |c: &Candidate| -> Option<String> {
        (c.items.is_empty() && text::is_multiword_name(&c.back)).then(|| fold(&c.back))
    };
    let actor = |c: &Candidate| name_key(c).is_some();

    let mut try_take = |i: usize,
                        chosen: &mut Vec<usize>,
                        taken: &mut Vec<bool>,
                        dropped: &mut Vec<Dropped>,
                        record: bool,
                        extra: usize|
     -> bool {
        if taken[i] {
            return false;
        }
        let c = &cands[i];
        if per.get(&c.block).copied().unwrap_or(0) >= per_block(c.block) + extra {
            return false;
        }
        // at most two weaker cards from one sentence: a third asks the
        // same sentence again for a lesser part of it
        let same_sentence = chosen
            .iter()
            .filter(|&&j| {
                cands[j].block == c.block
                    && cands[j].sentence == c.sentence
                    && cands[j].sentence > 0
            })
            .count();
        // (a strong card, a figure, a list or a quoted term, may still be
        // the third)
        let weak =
            c.score < 3.5 && matches!(c.origin, "key-term" | "concept" | "claim" | "name" | "pair");
        if same_sentence >= MAX_PER_SENTENCE && weak {
            return false;
        }
        let front_key = canon(&c.front);
        let dup_front = fronts.contains(&front_key);
        let mut dup_of = None;
        if !dup_front {
            let mut seen = HashSet::default();
            'outer: for s in &sets[i] {
                if let Some(list) = index.get(s) {
                    for &j in list.iter().take(200) {
                        if seen.insert(j)
                            && similarity(&sets[i], &sets[j]) >= DUPLICATE_JACCARD
                            && !(actor(c)
                                && cands[j].block != c.block
                                && similarity(&front_set(c), &front_set(&cands[j])) < 0.35)
                        {
                            dup_of = Some(j);
                            break 'outer;
                        }
                    }
                }
            }
        }
        // "use of isotopic techniques" and "isotopic techniques" from one
        // sentence are one fact
        if dup_of.is_none() && !c.back.is_empty() {
            let a = fold(&c.back);
            dup_of = chosen.iter().copied().find(|&j| {
                let o = &cands[j];
                o.block == c.block && o.sentence == c.sentence && !o.back.is_empty() && {
                    // (a lone number inside a longer answer is another fact:
                    // "two" and "two Senators from each State, … for six
                    // years")
                    let b = fold(&o.back);
                    let shorter = if a.len() < b.len() { &a } else { &b };
                    let number = text::number_value(shorter).is_some()
                        || shorter
                            .chars()
                            .all(|ch| ch.is_ascii_digit() || ch == ',' || ch == '.');
                    (a.contains(&b) || b.contains(&a)) && !number
                }
            });
        }
        // "Men of ___, of local prejudices, …" → factious tempers; …: a
        // gap on one item of a list card taken from the same sentence, or
        // a second list sharing half its items with it, asks it again
        if dup_of.is_none() {
            let mine: Vec<String> = c.answer_items().iter().map(|x| fold(x)).collect();
            dup_of = chosen.iter().copied().find(|&j| {
                let o = &cands[j];
                o.block == c.block && o.sentence == c.sentence && !o.items.is_empty() && {
                    let theirs: Vec<String> = o.items.iter().map(|x| fold(x)).collect();
                    let shared = mine
                        .iter()
                        .filter(|a| {
                            theirs.iter().any(|b| {
                                a.len() > 3
                                    && b.len() > 3
                                    && (a.contains(b.as_str()) || b.contains(a.as_str()))
                            })
                        })
                        .count();
                    shared > 0 && shared * 2 >= mine.len()
                }
            });
        }
        if dup_front || dup_of.is_some() {
            taken[i] = true;
            if record {
                dropped.push(Dropped {
                    source: c.locator.clone(),
                    front: c.front.clone(),
                    answer: c.answer_items().join("; "),
                    reason: match dup_of {
                        Some(j) => format!("near-duplicate of '{}'", cands[j].front),
                        None => "same question as another card".into(),
                    },
                });
            }
            return false;
        }
        if let Some(k) = name_key(c) {
            let n = per_name.entry(k).or_default();
            if *n >= 3 {
                taken[i] = true;
                return false;
            }
            *n += 1;
        }
        taken[i] = true;
        *per.entry(c.block).or_default() += 1;
        fronts.insert(front_key);
        for s in &sets[i] {
            index.entry(*s).or_default().push(i);
        }
        chosen.push(i);
        true
    };

    // 1. the best card of every section, 2. of every block (not fallbacks)
    let mut seen_sections = HashSet::default();
    for &i in &order {
        if chosen.len() >= budget {
            break;
        }
        if seen_sections.insert(section_of(cands[i].block)) {
            try_take(i, &mut chosen, &mut taken, dropped, true, 0);
        }
    }
    let mut seen_blocks: HashSet<usize> = chosen.iter().map(|&i| cands[i].block).collect();
    for &i in &order {
        if chosen.len() >= budget {
            break;
        }
        if cands[i].score >= 2.5 && seen_blocks.insert(cands[i].block) {
            try_take(i, &mut chosen, &mut taken, dropped, true, 0);
        }
    }
    // 3. strong cards by score, then strong cards from paragraphs that
    // hold more facts than their share ("Even larger are supergranules,
    // which are about 35,000 kilometers across … and last about 24
    // hours"), before any weaker card takes the place
    for extra in [0, EXTRA_PER_BLOCK] {
        for &i in &order {
            if chosen.len() >= budget {
                break;
            }
            if cands[i].score >= STRONG {
                try_take(i, &mut chosen, &mut taken, dropped, true, extra);
            }
        }
    }
    // 4. the rest by score
    for &i in &order {
        if chosen.len() >= budget {
            break;
        }
        try_take(i, &mut chosen, &mut taken, dropped, true, 0);
    }
    let full = chosen.len() >= budget;
    for &i in &order {
        if !taken[i] {
            dropped.push(Dropped {
                source: cands[i].locator.clone(),
                front: cands[i].front.clone(),
                answer: cands[i].answer_items().join("; "),
                reason: if full {
                    format!(
                        "ranked below the deck size ({budget} cards; rule {}, score {:.2})",
                        cands[i].origin, cands[i].score
                    )
                } else {
                    format!(
                        "its paragraph already has its share of cards (rule {}, score {:.2})",
                        cands[i].origin, cands[i].score
                    )
                },
            });
        }
    }
    let mut out: Vec<Candidate> = chosen.into_iter().map(|i| cands[i].clone()).collect();
    sort_in_document_order(&mut out);
    out
}

fn kind_rank(k: CardKind) -> u8 {
    match k {
        CardKind::Outline => 0,
        CardKind::List => 1,
        CardKind::Cloze => 2,
        CardKind::Basic => 3,
    }
}

/// Document order: block, sentence, kind, question.
pub fn sort_in_document_order(cards: &mut [Candidate]) {
    cards.sort_by(|a, b| {
        a.block
            .cmp(&b.block)
            .then(a.sentence.cmp(&b.sentence))
            .then(kind_rank(a.kind).cmp(&kind_rank(b.kind)))
            .then(a.front.cmp(&b.front))
    });
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use super::super::with_ctx;

    /// A one-gap key-term card on `context` (shared by the builder's tests).
    pub(crate) fn cloze(front: &str, back: &str, context: &str) -> Candidate {
        Candidate {
            kind: CardKind::Cloze,
            front: front.into(),
            back: back.into(),
            items: vec![],
            ordered: false,
            block: 0,
            sentence: 0,
            locator: String::new(),
            context: context.into(),
            score: 3.0,
            origin: "key-term",
        }
    }

    #[test]
    fn a_third_weak_gap_in_one_sentence_is_left_out() {
        let ctx = "At the narrow pass of Thermopylae a small force of 1400 men under the Spartan Leonidas resisted the multitude.";
        let mk = |back: &str, score: f64, origin: &'static str| {
            let mut c = cloze(&ctx.replacen(back, "___", 1), back, ctx);
            c.sentence = 1;
            c.score = score;
            c.origin = origin;
            c
        };
        let cands = vec![
            mk("Spartan Leonidas", 3.4, "concept"),
            mk("narrow pass", 3.3, "key-term"),
            mk("multitude", 3.2, "key-term"),
            mk("1400 men", 3.5, "figure"),
        ];
        let mut dropped = Vec::new();
        let chosen = select(cands, 10, &|_| 10, &|_| 0, &mut dropped);
        let backs: Vec<&str> = chosen.iter().map(|c| c.back.as_str()).collect();
        // the figure and the two best gaps; the third weak gap is left out
        assert!(backs.contains(&"1400 men"), "{backs:?}");
        assert!(backs.contains(&"Spartan Leonidas"), "{backs:?}");
        assert!(!backs.contains(&"multitude"), "{backs:?}");
    }

    #[test]
    fn a_first_item_is_judged_in_its_sentence() {
        let items: Vec<String> = ["launch meetings", "strategy rooms", "daily standups"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert!(noun_first_in_context(
            &items,
            "Teams talk using techniques such as launch meetings, strategy rooms, and daily standups."
        ));
        let items: Vec<String> = ["promote peace", "stability", "prosperity"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert!(!noun_first_in_context(
            &items,
            "We will promote peace, stability and prosperity."
        ));
    }

    #[test]
    fn one_word_items_tagged_alone_are_not_judged_by_their_guessed_tag() {
        let items = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // "the public" is a noun among nouns
        assert!(!parallel_items(&items(&[
            "entrepreneurs",
            "nonprofits",
            "other agencies",
            "public"
        ])));
        assert!(parallel_items(&items(&[
            "entrepreneurs",
            "nonprofits",
            "other agencies",
            "the public"
        ])));
        // "just" read as an adverb is an adjective joined to "favourable"
        assert!(parallel_items(&items(&[
            "work",
            "free choice of employment",
            "just and favourable conditions of work",
            "protection against unemployment",
        ])));
        assert!(parallel_items(&items(&[
            "benign",
            "upright",
            "courteous",
            "temperate",
            "complaisant"
        ])));
        // an adjective with its own phrase is a predicate
        assert!(!parallel_items(&items(&[
            "islands of Greece",
            "forgetful of the Aegean cities",
            "civilization"
        ])));
        // a participle with its own phrase is a clause
        assert!(!parallel_items(&items(&[
            "different classes",
            "actuated by different sentiments",
            "views"
        ])));
        // a phrase that opens with a verb among noun phrases still fails
        assert!(!parallel_items(&items(&[
            "the landed interest",
            "a moneyed interest",
            "protect the minority rights"
        ])));
    }

    #[test]
    fn open_settings_initials_and_unnamed_pointers_are_dropped() {
        assert!(open_setting(
            "In ___, residence times can be estimated in two ways.",
            "hydrology"
        )
        .is_some());
        assert!(open_setting("In ___, helium was found.", "1868").is_none());
        assert!(open_setting(
            "During colder ___, more ice caps and glaciers form.",
            "climatic periods"
        )
        .is_some());
        assert!(open_setting(
            "Residence times in ___ can be estimated in two ways.",
            "hydrology"
        )
        .is_none());
        assert!(initials_after_gap("Build a ___ (MVP) first and test it.").is_some());
        assert!(initials_after_gap("Build a ___ (about a week) first.").is_none());
        assert!(unresolved_demonstrative(
            "The employer shall assure this requirement is met every ___."
        )
        .is_some());
        assert!(unresolved_demonstrative("Use the following checklist to find ___.").is_some());
        assert!(unresolved_demonstrative(
            "Test them except under the following conditions: When the ___ is damaged."
        )
        .is_none());
        // a pointer whose noun the question names, or the document itself
        assert!(unresolved_demonstrative("A rule applies: this rule covers ___.").is_none());
        assert!(unresolved_demonstrative(
            "Hose under paragraph (d)(3) of this section is inspected ___."
        )
        .is_none());
    }

    #[test]
    fn a_question_about_an_unseen_table_is_dropped() {
        assert!(points_elsewhere("Examine that table and notice the ___.").is_some());
        assert!(points_elsewhere("As the adjacent figure shows, ___ rises.").is_some());
        assert!(points_elsewhere("The table of elements lists ___.").is_none());
        // "the opposite" before its noun points nowhere; alone it does
        assert!(points_elsewhere(
            "The stack removes the values in the opposite order. This is called ___."
        )
        .is_none());
        assert!(points_elsewhere("The heap does the opposite, so ___ is slower.").is_some());
        assert!(
            points_elsewhere("It may participate whenever the latter considers ___.").is_some()
        );
    }

    #[test]
    fn initials_after_their_full_name_are_a_leak() {
        let ctx = "The Communist Party of China (CPC) has always made contributions.";
        let c = cloze(&ctx.replace("CPC", "___"), "CPC", ctx);
        assert!(lost_context(&c).is_some_and(|w| w.contains("initials")));
        let ctx = "The party (NATO) has always made contributions.";
        let c = cloze(&ctx.replace("NATO", "___"), "NATO", ctx);
        assert_eq!(lost_context(&c), None);
    }

    #[test]
    fn a_lone_noun_in_a_set_phrase_is_guessable() {
        let c = cloze(
            "Copying can be assumed to be inexpensive in ___.",
            "terms of runtime performance",
            "Copying can be assumed to be inexpensive in terms of runtime performance.",
        );
        assert!(set_phrase_gap(&c).is_some());
        for (front, back) in [
            (
                "The Members shall act in ___ with the following Principles.",
                "accordance",
            ),
            (
                "The Council shall submit reports to the Assembly for its ___.",
                "consideration",
            ),
            ("A youth should be respectful to his ___.", "elders"),
        ] {
            assert!(set_phrase_gap(&cloze(front, back, "")).is_some(), "{front}");
        }
        for (front, back) in [
            ("The Sun is composed mainly of ___.", "hydrogen"),
            (
                "The Members shall act in ___ with the Principles.",
                "Accordance",
            ),
            ("They met at the ___ of the river.", "mouth"),
        ] {
            assert_eq!(set_phrase_gap(&cloze(front, back, "")), None, "{front}");
        }
    }

    #[test]
    fn a_figure_gap_is_not_half_a_range_nor_counted_out_by_its_list() {
        let mut c = cloze(
            "During 793\u{2013}___ a prophet, Amos, stated it.",
            "740 BCE",
            "During 793\u{2013}740 BCE a prophet, Amos, stated it.",
        );
        c.origin = "figure";
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("range")));
        let mut c = cloze(
            "A String is made up of ___, shown on the left: a pointer, a length, and a capacity.",
            "three parts",
            "A String is made up of three parts, shown on the left: a pointer, a length, and a capacity.",
        );
        c.origin = "figure";
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("counts")));
        let mut c = cloze(
            "Extinguishers that require a ___-year hydrostatic test are emptied.",
            "12",
            "Extinguishers that require a 12-year hydrostatic test are emptied.",
        );
        c.origin = "figure";
        assert_eq!(cloze_fault(&c), None);
        let c = cloze(
            "We now have two ___, x and y, and both equal 5.",
            "variables",
            "We now have two variables, x and y, and both equal 5.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("count")));
    }

    #[test]
    fn openings_that_go_on_from_an_unseen_sentence_are_dropped() {
        for front in [
            "The other, by giving to every citizen the same ___.",
            "Some other may follow the ___, though it should be at the distance of a hundred ages.",
            "As a result, we can leave out the ___ in the examples.",
            "So ended the second attempt of ___ to subdue the Greeks.",
        ] {
            let c = cloze(front, "x", "");
            assert!(
                cloze_fault(&c).is_some_and(|w| w.contains("points elsewhere")),
                "{front}"
            );
        }
        for front in [
            "And, particularly, for that prevailing ___, which is echoed.",
            "(And, as we will see, the ___ is much more typical.)",
        ] {
            let c = cloze(front, "x", "");
            assert!(
                cloze_fault(&c).is_some_and(|w| w.contains("goes on from")),
                "{front}"
            );
        }
        let c = cloze(
            "The other members of the Council shall elect a ___.",
            "president",
            "",
        );
        assert!(cloze_fault(&c).is_some());
    }

    #[test]
    fn a_describing_adjective_and_an_everyday_noun_name_no_term() {
        let doc = "On a smoggy day the air is opaque. The radiative zone lies above the core. \
                   The radiative zone is thick. Decisions on procedural matters need nine votes.";
        with_ctx(doc, |ctx| {
            let card = |back: &str| cloze("x ___ y", back, "");
            assert!(descriptive_pair(&card("smoggy day"), ctx).is_some());
            assert!(descriptive_pair(&card("radiative zone"), ctx).is_none());
            assert!(descriptive_pair(&card("procedural matters"), ctx).is_none());
        });
    }

    #[test]
    fn program_variables_are_no_answers() {
        with_ctx("Some text about values.", |ctx| {
            let mut c = cloze(
                "We now have two variables, ___, and both equal 5. (2 items)",
                "",
                "",
            );
            c.kind = CardKind::List;
            c.items = vec!["x".into(), "y".into()];
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("variable")));
            let mut c = cloze("The core of it boils down to ___. (4 items)", "", "");
            c.kind = CardKind::List;
            c.items = vec![
                "peace without war".into(),
                "development without poverty".into(),
            ];
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("'it'")));
            // the text's own part is no pointer
            let mut c = cloze(
                "The requirements of this section apply to ___ of portable fire extinguishers. (4 items)",
                "",
                "",
            );
            c.kind = CardKind::List;
            c.items = vec![
                "placement".into(),
                "use".into(),
                "maintenance".into(),
                "testing".into(),
            ];
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("'it'")));
            let c = cloze(
                "During the last ice age the oceans were about ___ lower than today.",
                "122 m",
                "",
            );
            assert_eq!(reject_reason(&c, ctx), None);
        });
    }

    #[test]
    fn a_question_cut_before_its_main_clause_is_dropped() {
        let c = cloze(
            "Amendment XIV: But when the right to vote at any election for the choice of electors, the ___ officers of a State, or the members of the Legislature thereof \u{2026}",
            "Executive and Judicial",
            "But when the right to vote at any election for the choice of electors, the Executive and Judicial officers of a State, or the members of the Legislature thereof, is denied to any of the male inhabitants of such State, the basis of representation therein shall be reduced.",
        );
        assert!(cut_before_main_clause(&c).is_some());
        let c = cloze(
            "___ said, 'If a man withdraws his mind from the love of beauty, and applies it as sincerely to the love of the virtuous.",
            "Tsze-hsia",
            "Tsze-hsia said, 'If a man withdraws his mind from the love of beauty, and applies it as sincerely to the love of the virtuous;",
        );
        assert!(cut_before_main_clause(&c).is_some());
        // an imperative is a main verb
        let c = cloze(
            "Follow the principle of sharing, carry forward the Silk Road spirit of ___, strengthen trade with countries along the route \u{2026} (5 items)",
            "",
            "Follow the principle of sharing, carry forward the Silk Road spirit of peace, openness, tolerance, learning and benefit, strengthen trade with countries along the route, and build a road.",
        );
        assert_eq!(cut_before_main_clause(&c), None);
        // a trimmed question with its verb, and a whole saying, stay
        let c = cloze(
            "The Security Council shall hold ___ at which each of its members may be represented \u{2026}",
            "periodic meetings",
            "The Security Council shall hold periodic meetings at which each of its members may be represented by a member of the government.",
        );
        assert_eq!(cut_before_main_clause(&c), None);
        let c = cloze(
            "The Master said, 'If you are led by virtue, you will have the sense of ___.'",
            "shame",
            "The Master said, 'If you are led by virtue, you will have the sense of shame.'",
        );
        assert_eq!(cut_before_main_clause(&c), None);
    }

    #[test]
    fn one_item_of_a_long_list_may_show_in_the_question() {
        with_ctx("Some text about open data and reuse.", |ctx| {
            let list = |items: &[&str]| {
                let mut c = cloze(
                    "We allow the public to contribute easily, and enable reuse by ___. (4 items)",
                    "",
                    "We allow the public to contribute easily, and enable reuse by entrepreneurs, nonprofits, other agencies, and the public.",
                );
                c.kind = CardKind::List;
                c.items = items.iter().map(|i| i.to_string()).collect();
                c
            };
            let c = list(&["entrepreneurs", "nonprofits", "other agencies", "public"]);
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leaks")));
            let c = list(&["entrepreneurs", "other agencies", "public"]);
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("leaks")));
        });
    }

    #[test]
    fn an_answer_spelled_like_a_word_of_the_question_is_a_leak() {
        with_ctx("Some text about the Sun and its gases.", |ctx| {
            let c = cloze(
                "Scientists found a new element and named it helium (after ___, the Greek word for Sun).",
                "helios",
                "Scientists found a new element and named it helium (after helios, the Greek word for Sun).",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("spelled like")));
        });
    }

    #[test]
    fn modifiers_of_one_head_are_no_list() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(shares_a_head(&v(&[
            "redesigned",
            "operated and improved by a skilled",
            "experienced",
            "empowered Service Manager"
        ])));
        assert!(shares_a_head(&v(&[
            "skilled",
            "experienced",
            "empowered Service Manager"
        ])));
        assert!(shares_a_head(&v(&[
            "dry chemical",
            "dry powder hose assemblies"
        ])));
        assert!(shares_a_head(&v(&[
            "hydrostatic test pump",
            "hand",
            "power operated"
        ])));
        assert!(!shares_a_head(&v(&["redesigned", "operated", "improved"])));
        assert!(shares_a_head(&v(&[
            "acceptable self-generating type soda acid",
            "foam extinguishers"
        ])));
        assert!(!shares_a_head(&v(&[
            "Sicily",
            "Spanish Phoenician settlements"
        ])));
        assert!(!shares_a_head(&v(&[
            "human rights",
            "fundamental freedoms"
        ])));
        // parallel phrases with heads of their own
        for ok in [
            &[
                "landed interest",
                "manufacturing interest",
                "mercantile interest",
            ][..],
            &["Extinguisher shells", "cylinders", "cartridges"],
            &["the stack", "the heap"],
            &["free exercise", "freedom of speech"],
        ] {
            assert!(!shares_a_head(&v(ok)), "{ok:?}");
        }
    }

    #[test]
    fn a_pointer_to_things_never_named_is_vague() {
        with_ctx("Some text about departments and organs.", |ctx| {
            let vague =
                |front: &str| unresolved_pointer(&cloze(front, "x", front), ctx.stems).is_some();
            assert!(vague(
                "Home Office: Each of these departments will agree 3 ___ with Cabinet Office."
            ));
            assert!(vague(
                "(Perhaps better is to avoid such clashes by using a ___.)"
            ));
            assert!(vague(
                "His ___ rode with his decrees from the Dardanelles to the Indus."
            ));
            // named before, a name, "such … as", "those … where"
            assert!(!vague("The employer may use ___ systems instead of extinguishers if such systems are approved."));
            assert!(!vague(
                "Like most of the Aryans these Greeks had ___ and reciters."
            ));
            assert!(!vague(
                "The ___ may establish such subsidiary organs as it deems necessary."
            ));
            assert!(!vague("Extinguishers are required in those combustible metal working areas where ___ are generated."));
        });
    }

    #[test]
    fn a_question_that_cuts_a_quotation_short_is_refused() {
        with_ctx("Some text about rivers and scholars.", |ctx| {
            let c = cloze(
                "Some scholars conclude that the water cycle was described in this passage: \"The ___ toward the south, and turneth about unto the north …",
                "wind goeth",
                "Some scholars conclude that the water cycle was described in this passage: \"The wind goeth toward the south, and turneth about unto the north.\"",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("quotation short")));
            let c = cloze(
                "Some scholars conclude that the cycle was described in the passage \"The ___ goeth toward the south.\"",
                "wind",
                "Some scholars conclude that the cycle was described in the passage \"The wind goeth toward the south.\"",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("quotation short")));
        });
    }

    #[test]
    fn a_modifier_shown_in_another_form_leaves_the_head_to_recall() {
        with_ctx("Some text about services and hazards.", |ctx| {
            let half = |front: &str, back: &str| {
                let c = cloze(front, back, front);
                reject_reason(&c, ctx).is_some_and(|w| w.contains("half in the question"))
            };
            assert!(!half(
                "Transactional services handling over 100,000 transactions each year will be improved by an empowered ___.",
                "Service Manager"
            ));
            assert!(half(
                "Extinguishers used for Class C hazards follow the pattern for the existing Class A or ___ hazards.",
                "Class B"
            ));
        });
    }

    #[test]
    fn the_rest_of_a_title_is_guessed() {
        with_ctx("Some text about peace and the world order.", |ctx| {
            let front = "After the war, the Charter of the ___ and other documents established the basic norms of international relations.";
            let c = cloze(front, "United Nations", front);
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("role of one who acts")));
        });
    }

    #[test]
    fn a_comparison_with_nothing_to_compare_is_refused() {
        with_ctx("Some text about services and users.", |ctx| {
            let c = cloze(
                "The benefits: Digital by default services are ___.",
                "more efficient and more convenient for users",
                "Digital by default services are more efficient and more convenient for users.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("compares with nothing")));
        });
    }

    #[test]
    fn who_says_an_opening_maxim_a_misspelling_and_an_owned_item_are_refused() {
        with_ctx("Some text about war and rights.", |ctx| {
            let c = cloze(
                "___ said: The art of war is of vital importance to the State.",
                "Sun Tzu",
                "Sun Tzu said: The art of war is of vital importance to the State.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("who speaks")));
            let c = cloze(
                "If an argument's name clashes with a keyword, a trailing underscore is better. Thus class_ is better than ___.",
                "clss",
                "Thus class_ is better than clss.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("no word")));
            let mut c = cloze(
                "Everyone has the right to enjoy the arts and to share in ___. (2 items)",
                "",
                "Everyone has the right to enjoy the arts and to share in scientific advancement and its benefits.",
            );
            c.kind = CardKind::List;
            c.items = vec!["scientific advancement".into(), "benefits".into()];
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("belongs to the one before")));
            // every item owned alike is a list
            let mut name = c.clone();
            name.context =
                "The network is being led by the Department for Culture, Media and Sport (DCMS)."
                    .into();
            name.items = vec!["Culture".into(), "Media".into(), "Sport".into()];
            assert!(reject_reason(&name, ctx).is_some_and(|w| w.contains("one name")));
            c.context =
                "They would be equalized in their possessions, their opinions, and their passions."
                    .into();
            c.items = vec!["possessions".into(), "opinions".into(), "passions".into()];
            assert!(
                !reject_reason(&c, ctx).is_some_and(|w| w.contains("belongs to the one before"))
            );
        });
    }

    #[test]
    fn an_answer_opening_with_a_degree_adverb_is_refused() {
        with_ctx("Some text about the Sun and stars.", |ctx| {
            let c = cloze(
                "Although not like our planet's, the makeup of the Sun is ___ in general.",
                "quite typical of stars",
                "Although not like our planet's, the makeup of the Sun is quite typical of stars in general.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("degree adverb")));
        });
    }

    #[test]
    fn a_gap_guessed_from_its_parallel_or_a_verb_is_refused() {
        let c = cloze(
            "How can a large carriage go without the cross-bar for yoking the ___ to, or a small carriage without the arrangement for yoking the horses?",
            "oxen",
            "How can a large carriage go without the cross-bar for yoking the oxen to, or a small carriage without the arrangement for yoking the horses?",
        );
        assert!(parallel_or_verb_gap(&c).is_some_and(|w| w.contains("parallel")));
        let c = cloze(
            "The general that ___ to my counsel and acts upon it, will conquer.",
            "hearkens",
            "The general that hearkens to my counsel and acts upon it, will conquer.",
        );
        assert!(parallel_or_verb_gap(&c).is_some_and(|w| w.contains("verb")));
        // a phrase beside a different partner, a noun after "that"
        let c = cloze(
            "Any Member of the United Nations which is not a member of the ___ may participate.",
            "Security Council",
            "Any Member of the United Nations which is not a member of the Security Council may participate.",
        );
        assert!(parallel_or_verb_gap(&c).is_none());
        let c = cloze(
            "It is clear that ___ drives the water cycle.",
            "evaporation",
            "It is clear that evaporation drives the water cycle.",
        );
        assert!(parallel_or_verb_gap(&c).is_none());
    }

    #[test]
    fn an_answer_built_from_the_questions_words_is_a_leak() {
        let leaks = [
            (
                "Python mangles these names: if class Foo has an attribute named __a, it cannot be accessed by ___.",
                "Foo.__a",
                "spelled out",
            ),
            (
                "Members of the team have experience with modern development and operations (___) techniques.",
                "DevOps",
                "shortens the words",
            ),
            (
                "Documentation Strings: PEP 257 describes ___.",
                "good docstring conventions",
                "joins two words",
            ),
        ];
        for (front, back, why) in leaks {
            let c = cloze(front, back, front);
            assert!(
                compound_leak(&c).is_some_and(|w| w.contains(why)),
                "{front}: {:?}",
                compound_leak(&c)
            );
        }
        // a derived word is no leak: "departmental" beside "department";
        // nor a short form the words before do not spell
        for (front, back) in [
            (
                "Each government department will prepare and publish its ___.",
                "own departmental digital strategy",
            ),
            (
                "Members of the team have experience with modern development and operations (___) techniques.",
                "CI",
            ),
        ] {
            assert_eq!(compound_leak(&cloze(front, back, front)), None, "{back}");
        }
    }

    #[test]
    fn a_citation_or_a_possessive_phrase_is_no_answer() {
        with_ctx("Some text about rivers and rain.", |ctx| {
            let c = cloze(
                "Unto the place from whence the rivers come, thither they return again\" (___).",
                "KJV",
                "Unto the place from whence the rivers come, thither they return again\" (KJV).",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("citation")));
            let mut c = cloze(
                "The art of war is to be taken into account in ___, when seeking to determine the conditions.",
                "one\u{2019}s deliberations",
                "The art of war is to be taken into account in one\u{2019}s deliberations, when seeking to determine the conditions.",
            );
            c.origin = "key-term";
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("possessive")));
            let mut c = cloze(
                "For example, the os.stat() function returns a ___ whose items have names like st_mode.",
                "tuple",
                "For example, the os.stat() function returns a tuple whose items have names like st_mode.",
            );
            c.origin = "key-term";
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("example")));
            let c = cloze(
                "The General Assembly shall perform such functions as are assigned to it under ___, including the approval of agreements.",
                "Chapters XII and XIII",
                "The General Assembly shall perform such functions as are assigned to it under Chapters XII and XIII, including the approval of agreements.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("cross-reference")));
            let c = cloze(
                "When we print the value at the end, it will be \"___, world!\".",
                "ahoy",
                "When we print the value at the end, it will be \"ahoy, world!\".",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("quotation")));
            let c = cloze(
                "Then, we create a new String with the value \"___\" and assign it to s.",
                "ahoy",
                "Then, we create a new String with the value \"ahoy\" and assign it to s.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("string value")));
            for (body, back) in [
                (
                    "The philosopher ___ said, 'I daily examine myself on three points.'",
                    "Tsang",
                ),
                (
                    "Some one ___, saying, 'Sir, why are you not engaged in the government?'",
                    "addressed Confucius",
                ),
            ] {
                let c = cloze(body, back, &body.replace("___", back));
                assert!(
                    reject_reason(&c, ctx).is_some_and(|w| w.contains("who speaks")),
                    "{body}"
                );
            }
        });
    }

    #[test]
    fn it_later_in_the_question_needs_a_noun_before_it() {
        with_ctx("Some text about gases and balloons.", |ctx| {
            let body = "Today, students are probably most familiar with it as the light gas used to inflate balloons, although it turns out to be the ___ in the universe.";
            let c = cloze(
                body,
                "second-most abundant element",
                &body.replace("___", "second-most abundant element"),
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'it'")));
            // "her" needs a name before it too
            let body = "It was ___ after her thesis that other studies proved the abundance of hydrogen real.";
            let c = cloze(body, "3 years", &body.replace("___", "3 years"));
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'her'")));
            // a clause before it, a noun before it, or "it is best to …"
            for body in [
                "'To see what is right and not to do it is ___.'",
                "When the water evaporates over the ocean, it takes up ___ from its surroundings.",
                "For simple public data attributes, it is best to expose just the attribute name, without complicated ___.",
            ] {
                let c = cloze(body, "energy", &body.replace("___", "energy"));
                assert!(
                    !reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'it'")),
                    "{body}"
                );
            }
        });
    }

    #[test]
    fn a_list_running_into_a_new_clause_is_dropped() {
        with_ctx("Some text about nature and mountains.", |ctx| {
            let mut c = cloze(
                "We should establish the consciousness of protecting ___ are invaluable assets. (3 items)",
                "",
                "We should establish the consciousness of protecting nature, Lucid waters and lush mountains are invaluable assets.",
            );
            c.kind = CardKind::List;
            c.items = vec![
                "nature".into(),
                "Lucid waters".into(),
                "lush mountains".into(),
            ];
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("new clause")));
            // a name keeps its capitals
            c.front = "The drying is strongest near the margins of the subtropics (for example, the ___). (3 items)".into();
            c.context = "The drying is strongest near the margins of the subtropics (for example, the Mediterranean Basin, southern Australia, and the Southwestern United States).".into();
            c.items = vec![
                "Mediterranean Basin".into(),
                "southern Australia".into(),
                "Southwestern United States".into(),
            ];
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("new clause")));
        });
    }

    #[test]
    fn this_before_a_noun_shown_earlier_needs_nothing_else() {
        with_ctx("Some text about elections and government.", |ctx| {
            let body = "The will of the people shall be the basis of government; this will shall be expressed in ___ which shall be by universal suffrage.";
            let c = cloze(
                body,
                "periodic elections",
                &body.replace("___", "periodic elections"),
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on")));
            // a noun not shown before still needs its antecedent
            let body = "The people shall vote; this will shall be expressed in ___ which shall be by universal suffrage.";
            let c = cloze(
                body,
                "periodic elections",
                &body.replace("___", "periodic elections"),
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'this'")));
        });
    }

    #[test]
    fn they_after_its_plural_needs_nothing_else() {
        with_ctx("Some text about the Sun and its gases.", |ctx| {
            let c = cloze(
                "Scientists quickly realized they had found a new element and named it helium (after ___, the Greek word for Sun).",
                "helios",
                "Scientists quickly realized they had found a new element and named it helium (after helios, the Greek word for Sun).",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on")));
            let mut c = cloze(
                "___, if they only contain types that also implement Copy.",
                "Tuples",
                "Tuples, if they only contain types that also implement Copy.",
            );
            c.origin = "claim";
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'they'")));
            let c = cloze(
                "It is this thin region of the Sun that we call the photosphere, from the Greek for \u{201c}___\u{201d}.",
                "light sphere",
                "It is this thin region of the Sun that we call the photosphere, from the Greek for \u{201c}light sphere\u{201d}.",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'It'")));
            let c = cloze(
                "The Master said, 'He who aims to be a ___ in his food does not seek to gratify his appetite.",
                "man of complete virtue",
                "The Master said, 'He who aims to be a man of complete virtue in his food does not seek to gratify his appetite.",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'He'")));
            let c = cloze(
                "If for ___ he does not alter from the way of his father, he may be called filial.'",
                "three years",
                "'If for three years he does not alter from the way of his father, he may be called filial.'",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'he'")));
            // the last sentence of a saying, closed by its quote mark
            let c = cloze(
                "If for ___ he does not alter from the way of his father, he may be called filial.'",
                "three years",
                "If for three years he does not alter from the way of his father, he may be called filial.'",
            );
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("leans on 'he'")));
            let c = cloze(
                "Then he sailed to the island of ___ with the whole fleet.",
                "Salamis",
                "Then he sailed to the island of Salamis with the whole fleet.",
            );
            assert!(reject_reason(&c, ctx).is_some());
            let c = cloze(
                "Then they sailed to the island of ___ with the whole fleet.",
                "Salamis",
                "Then they sailed to the island of Salamis with the whole fleet.",
            );
            assert!(reject_reason(&c, ctx).is_some());
        });
    }

    #[test]
    fn a_confirmation_of_something_unseen_is_dropped() {
        with_ctx("Some text about values.", |ctx| {
            let c = cloze(
                "We now have two variables, x and y, and both equal 5. This is indeed what is happening, because ___ are simple values.",
                "integers",
                "This is indeed what is happening, because integers are simple values.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("confirms")));
        });
    }

    #[test]
    fn a_table_row_is_no_sentence() {
        with_ctx("Some text about tests.", |ctx| {
            let c = cloze(
                "Type of extinguishers | Test interval (years) Soda acid (until 1/1/___) | (1) Stored pressure | 5",
                "84",
                "Type of extinguishers | Test interval (years) Soda acid (until 1/1/84) | (1) Stored pressure | 5",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("table")));
            // a pointer in the answer leans elsewhere as one in the question
            let c = cloze(
                "Dry chemical extinguishers having non-refillable disposable containers are ___.",
                "exempt from this requirement",
                "Dry chemical extinguishers having non-refillable disposable containers are exempt from this requirement.",
            );
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("answer")));
        });
    }

    #[test]
    fn a_weak_term_gap_is_dropped_but_a_date_is_kept() {
        with_ctx("Some text about names and conventions.", |ctx| {
            let mut c = cloze(
                "Public names should follow ___ that reflect usage rather than implementation.",
                "conventions",
                "",
            );
            c.score = KEY_TERM_FLOOR - 0.1;
            assert!(reject_reason(&c, ctx).is_some_and(|w| w.contains("too common")));
            c.score = KEY_TERM_FLOOR + 0.1;
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("too common")));
            let mut c = cloze(
                "The Greeks were in possession of their epics in the ___.",
                "eighth century B.C.",
                "",
            );
            c.score = KEY_TERM_FLOOR - 0.4;
            assert!(!reject_reason(&c, ctx).is_some_and(|w| w.contains("too common")));
        });
    }

    #[test]
    fn a_frequent_name_is_asked_only_as_the_one_who_acts() {
        let doc = "The General Assembly meets. The General Assembly votes. The General Assembly elects. \
                   The General Assembly decides. The 19th National Congress of the General Assembly met.";
        with_ctx(doc, |ctx| {
            let card = |front: &str| cloze(front, "General Assembly", "");
            assert!(name_out_of_role(
                &card("Members may be expelled by the ___ upon advice."),
                ctx
            )
            .is_none());
            assert!(name_out_of_role(&card("The ___ shall elect its president."), ctx).is_none());
            assert!(
                name_out_of_role(&card("The 19th National Congress of the ___ met."), ctx)
                    .is_some()
            );
            assert!(
                name_out_of_role(&card("Reports are sent to the ___ every year."), ctx).is_some()
            );
        });
    }

    #[test]
    fn guessed_quantities_chapter_pointers_and_unnamed_speakers_are_dropped() {
        assert!(points_to_other_chapter(
            "We'll discuss non-ownership aspects of String in Chapter 8."
        ));
        assert!(!points_to_other_chapter(
            "Rust has a special annotation called the Copy trait (we'll talk more about traits in Chapter 10)."
        ));
        let c = cloze(
            "'At forty, I had no ___.",
            "doubts",
            "'At forty, I had no doubts.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("speaker")));
        let c = cloze(
            "The Master said, 'At forty, I had no ___.",
            "doubts",
            "The Master said, 'At forty, I had no doubts.",
        );
        assert!(!cloze_fault(&c).is_some_and(|w| w.contains("speaker")));
    }

    #[test]
    fn prepositions_bare_counts_and_stray_gerunds_make_no_answers() {
        let c = cloze(
            "The water cycle is powered ___.",
            "from solar energy",
            "The water cycle is powered from solar energy.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("preposition")));
        let c = cloze(
            "In hydrology, residence times can be estimated in ___.",
            "two ways",
            "In hydrology, residence times can be estimated in two ways.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("counts")));
        let items: Vec<String> = ["air", "creating clouds", "fog"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        assert!(!parallel_items(&items));
    }

    #[test]
    fn ranges_shares_examples_and_passages_above_give_answers_away() {
        let c = cloze(
            "You should use one or ___ after a sentence-ending period.",
            "two spaces",
            "You should use one or two spaces after a sentence-ending period.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("range")));
        let mut c = cloze(
            "Of the world's water supply, about ___ is stored in oceans, or about 97%.",
            "321,000,000 mi³",
            "Of the world's water supply, about 321,000,000 mi³ is stored in oceans, or about 97%.",
        );
        c.origin = "figure";
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("share")));
        let c = cloze(
            "The ___, for example, ran together under one government.",
            "cities of Egypt",
            "",
        );
        assert!(lost_context(&c).is_some());
        let c = cloze(
            "The further powers with respect to matters mentioned in paragraph 1 (b) above are set forth in ___.",
            "Chapters IX and X",
            "",
        );
        assert!(lost_context(&c).is_some());
    }

    #[test]
    fn a_verb_phrase_after_an_adverb_or_a_range_end_is_no_gap() {
        let c = cloze(
            "There is the opportunity to rapidly ___ to 80% within 3 to 5 years.",
            "increase adoption",
            "There is the opportunity to rapidly increase adoption to 80% within 3 to 5 years.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("adverb")));
        let c = cloze(
            "The source of energy for evaporation is primarily ___.",
            "solar radiation",
            "The source of energy for evaporation is primarily solar radiation.",
        );
        assert_eq!(cloze_fault(&c), None);
        let c = cloze(
            "We estimate that ___ to £1.8 billion of savings could be made.",
            "£1.7",
            "We estimate that £1.7 to £1.8 billion of savings could be made.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("range")));
    }

    #[test]
    fn list_members_shares_and_bare_quantities_are_no_cloze() {
        let c = cloze(
            "Type variables should use CapWords preferring short names: T, AnyStr, ___.",
            "Num",
            "Type variables should use CapWords preferring short names: T, AnyStr, Num.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("item of a list")));
        let mut c = cloze(
            "Of the ___ of the world's water supply, about 321,000,000 mi³ is stored in oceans, or about 97%.",
            "332,500,000 mi³",
            "Of the 332,500,000 mi³ of the world's water supply, about 321,000,000 mi³ is stored in oceans, or about 97%.",
        );
        c.origin = "figure";
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("share")));
        let c = cloze(
            "Few came up even to ___.",
            "50,000",
            "Few came up even to 50,000.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("points elsewhere")));
    }

    #[test]
    fn one_sentence_gives_one_card_per_fact() {
        let mut a = cloze("The method is the ___.", "use of isotopic techniques", "s");
        let mut b = cloze("The method is the use of ___.", "isotopic techniques", "s");
        a.score = 2.0;
        b.score = 1.0;
        let mut dropped = Vec::new();
        let kept = select(vec![a, b], 10, &|_| 4, &|_| 0, &mut dropped);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].back, "use of isotopic techniques");
    }

    #[test]
    fn a_short_deck_takes_strong_cards_beyond_a_paragraphs_share() {
        let make = |front: &str, back: &str, score: f64, block: usize| {
            let mut c = cloze(front, back, front);
            c.score = score;
            c.block = block;
            c.sentence = 0;
            c
        };
        let cands = vec![
            make("Granules last ___.", "5 to 10 minutes", 3.5, 0),
            make("Supergranules are ___ across.", "35,000 kilometers", 3.5, 0),
            make("Supergranules last ___.", "24 hours", 3.4, 0),
            make("The ___ is grainy.", "photosphere surface", 2.0, 0),
            make("Spicules rise ___.", "10,000 kilometers", 3.5, 1),
        ];
        // one card per paragraph; the deck may hold ten
        let mut dropped = Vec::new();
        let kept = select(cands.clone(), 10, &|_| 1, &|_| 0, &mut dropped);
        let backs: Vec<&str> = kept.iter().map(|c| c.back.as_str()).collect();
        // the strong ones come in beyond the share, the weak one does not
        assert_eq!(backs.len(), 4, "{backs:?}");
        assert!(!backs.contains(&"photosphere surface"), "{backs:?}");
        assert!(dropped.iter().any(|d| d.reason.contains("share")));
        // a full deck takes none beyond the share
        let mut dropped = Vec::new();
        let kept = select(cands, 2, &|_| 1, &|_| 0, &mut dropped);
        assert_eq!(kept.len(), 2);
        assert!(dropped.iter().any(|d| d.reason.contains("deck size")));
    }

    #[test]
    fn a_title_case_line_is_a_heading() {
        assert!(is_headline(
            "A Foolish Consistency is the Hobgoblin of Little Minds"
        ));
        assert!(!is_headline(
            "A Foolish Consistency is the Hobgoblin of Little Minds."
        ));
        assert!(!is_headline(
            "Modules should have short, all-lowercase names"
        ));
    }

    #[test]
    fn a_list_or_gap_that_says_too_little_is_dropped() {
        assert!(says_nothing("Naming Styles: E.g. ___. (3 items)"));
        assert!(!says_nothing(
            "Promote the community from five aspects: ___. (5 items)"
        ));
        let c = cloze(
            "To ___, modules should declare the names in their public API.",
            "better support introspection",
            "To better support introspection, modules should declare the names in their public API.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("purpose")));
        let c = cloze(
            "Paragraphs are separated by ___ #.",
            "a line containing a single",
            "Paragraphs are separated by a line containing a single #.",
        );
        assert!(cloze_fault(&c).is_some_and(|w| w.contains("symbol")));
    }

    #[test]
    fn clauses_cut_from_their_sentence_are_dropped() {
        let c = cloze(
            "\u{2026} which fully demonstrates the ___ of the road.",
            "confidence",
            "It is a plan, which fully demonstrates the confidence of the road.",
        );
        assert!(lost_context(&c).is_some());
        let c = cloze(
            "Skydiving in Earth\u{2019}s ___ is much safer.)",
            "atmosphere",
            "Skydiving in Earth\u{2019}s atmosphere is much safer.)",
        );
        assert!(lost_context(&c).is_some());
        let c = cloze(
            "(1) The employer shall be responsible for the ___ of extinguishers.",
            "inspection",
            "(1) The employer shall be responsible for the inspection of extinguishers.",
        );
        assert_eq!(lost_context(&c), None);
    }
}
