//! Noun-phrase chunks over tags: an optional determiner, modifiers
//! (adjectives, numbers, nouns, participles), a head noun, and optionally
//! "of" + another such phrase ("the construction of a community of human
//! destiny"). A ten-line grammar that keeps whole "X of Y" phrases, which
//! is what a student would want blanked (NLP.md).

use super::tagger::Token;

/// A noun phrase: token indexes `[first, last]` (inclusive) and its core
/// without the determiner starting at `core`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub first: usize,
    pub core: usize,
    pub last: usize,
    /// Index of the head noun of the first part (before any "of").
    pub head: usize,
    /// Byte span of the core in the sentence.
    pub start: usize,
    pub end: usize,
}

fn joined(s: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    s.get(a.end..b.start)
        .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '-'))
}

fn comma_between(s: &str, a: &Token<'_>, b: &Token<'_>) -> bool {
    s.get(a.end..b.start).is_some_and(|gap| gap.trim() == ",")
}

fn modifier(t: &Token<'_>) -> bool {
    t.tag.is_adjective() || t.tag.is_noun() || t.tag.is_number() || t.tag.is_participle()
}

/// A plural between two nouns is a verb the tagger missed ("the stack
/// stores values", "ice transports minerals"): compounds take singular
/// modifiers.
fn plural_verb(s: &str, toks: &[Token<'_>], k: usize) -> bool {
    let t = &toks[k];
    k > 0
        && toks[k - 1].tag.name() == "NN"
        && joined(s, &toks[k - 1], t)
        && t.tag.name() == "NNS"
        && !t.text.ends_with("ss")
        && toks
            .get(k + 1)
            .is_some_and(|n| n.tag.is_noun() && joined(s, t, n))
}

/// One base chunk starting at `i` (determiner, modifiers, head), if any:
/// (first, core, head) where head is the last noun.
fn base(s: &str, toks: &[Token<'_>], i: usize) -> Option<(usize, usize, usize)> {
    if plural_verb(s, toks, i) {
        return None;
    }
    let mut j = i;
    if toks[j].tag.is_determiner() {
        j += 1;
    }
    // without a determiner, a participle opens no noun phrase ("it is
    // called granulation", not "called granulation")
    if j == i {
        while j < toks.len() && toks[j].tag.is_participle() {
            j += 1;
        }
        if j == toks.len() {
            return None;
        }
    }
    let core = j;
    let mut head = None;
    let mut k = j;
    while k < toks.len() {
        let t = &toks[k];
        let glued = k == core
            || joined(s, &toks[k - 1], t)
            // "short, all-lowercase names": adjectives in a row, comma-separated
            || toks[k - 1].tag.is_adjective() && t.tag.is_adjective() && comma_between(s, &toks[k - 1], t);
        // an adjective after the head noun opens the next phrase ("runoff
        // and groundwater flow | play significant roles")
        // "the project | using FedRAMP", "the data | showing the trend": a
        // participle after the head with its own object opens a clause
        let clause_after = matches!(t.tag.name(), "VBG" | "VBD" | "VBN")
            && toks.get(k + 1).is_some_and(|n| {
                n.text.starts_with(char::is_uppercase) || n.tag.is_determiner() || n.tag.is_number()
            });
        if head.is_some()
            && (t.tag.is_adjective() && !t.tag.is_participle()
                || t.tag.name() == "VBG" && !t.text.ends_with("ing")
                || clause_after)
        {
            break;
        }
        // a plural between two nouns is a verb the tagger missed ("the stack
        // | stores values", "ice | transports minerals"): compounds take
        // singular modifiers
        if head.is_some_and(|h: usize| h + 1 == k) && plural_verb(s, toks, k) {
            break;
        }
        if modifier(t) && glued {
            if t.tag.is_noun() {
                head = Some(k);
            }
            k += 1;
            continue;
        }
        // "the various and unequal distribution": two adjectives joined by
        // "and"/"or" before the head
        if k > core
            && head.is_none()
            && toks[k - 1].tag.is_adjective()
            && (t.text.eq_ignore_ascii_case("and") || t.text.eq_ignore_ascii_case("or"))
            && toks.get(k + 1).is_some_and(|n| n.tag.is_adjective())
            && joined(s, &toks[k - 1], t)
        {
            k += 1;
            continue;
        }
        break;
    }
    let head = head?;
    (core <= head).then_some((i, core, head))
}

/// The noun phrases of a tagged sentence, left to right, not overlapping.
/// `s` is the sentence the tokens were cut from.
pub fn noun_phrases(s: &str, toks: &[Token<'_>]) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some((first, core, head)) = base(s, toks, i) else {
            i += 1;
            continue;
        };
        let mut last = head;
        // "X of Y": attach up to two "of" phrases
        for _ in 0..2 {
            let of = last + 1;
            if of + 1 < toks.len()
                && toks[of].text.eq_ignore_ascii_case("of")
                && joined(s, &toks[last], &toks[of])
                && joined(s, &toks[of], &toks[of + 1])
            {
                if let Some((_, _, h2)) = base(s, toks, of + 1) {
                    last = h2;
                    continue;
                }
            }
            break;
        }
        out.push(Phrase {
            first,
            core,
            last,
            head,
            start: toks[core].start,
            end: toks[last].end,
        });
        i = last + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tagger::tag;
    use super::*;

    fn phrases(s: &str) -> Vec<String> {
        let t = tag(s);
        noun_phrases(s, &t)
            .iter()
            .map(|p| s[p.start..p.end].to_string())
            .collect()
    }

    #[test]
    fn a_verb_or_adverb_the_context_rules_made_a_noun_ends_the_phrase() {
        let p = phrases("When a variable goes out of scope, Rust automatically calls drop.");
        assert!(p.contains(&"variable".to_string()), "{p:?}");
        assert!(p.contains(&"Rust".to_string()), "{p:?}");
        let p = phrases("As long as the connection subsists between his reason and his self-love.");
        assert!(p.contains(&"connection".to_string()), "{p:?}");
        // a plural the lexicon knows as a noun stays in its phrase
        let p = phrases("The interest rates in Europe rose.");
        assert!(p.contains(&"interest rates".to_string()), "{p:?}");
    }

    #[test]
    fn keeps_whole_of_phrases() {
        let p = phrases(
            "We should promote the construction of a community of human destiny from five aspects.",
        );
        assert!(
            p.contains(&"construction of a community of human destiny".to_string()),
            "{p:?}"
        );
        assert!(p.contains(&"five aspects".to_string()), "{p:?}");
    }

    #[test]
    fn coordinated_adjectives_stay_in_the_phrase() {
        let p = phrases("The source has been the various and unequal distribution of property.");
        assert!(
            p.contains(&"various and unequal distribution of property".to_string()),
            "{p:?}"
        );
        let p = phrases("Modules should have short, all-lowercase names.");
        assert!(
            p.contains(&"short, all-lowercase names".to_string()),
            "{p:?}"
        );
    }

    #[test]
    fn a_plural_between_nouns_is_a_verb() {
        let p = phrases("The stack stores values in the order it gets them.");
        assert_eq!(p, vec!["stack", "values", "order"]);
        let p = phrases("Water supply systems fail.");
        assert!(p.contains(&"Water supply systems".to_string()), "{p:?}");
    }

    #[test]
    fn a_participle_with_its_own_object_opens_a_clause() {
        let p = phrases("Certify the infrastructure used for the project using FedRAMP.");
        assert!(p.contains(&"project".to_string()), "{p:?}");
        let p = phrases("When the Spartan force reached Athens, it was over.");
        assert!(p.contains(&"Spartan force".to_string()), "{p:?}");
        let p = phrases("Hydrostatic testing is performed by trained persons.");
        assert!(p.contains(&"Hydrostatic testing".to_string()), "{p:?}");
    }

    #[test]
    fn stops_at_punctuation_and_verbs() {
        let p =
            phrases("The landed interest, a manufacturing interest and a moneyed interest grow.");
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(!p.iter().any(|x| x.contains(',')));
    }
}
