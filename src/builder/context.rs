//! Context a question needs from outside its sentence: the lead-in a
//! list item completes ("… except under the following conditions: (i)
//! When …"), and the opening of a long sentence a list was cut from.

use super::candidate::Candidate;
use super::document::{BlockKind, Doc};
use super::text::{self, fold};
use super::{frame, nlp};

/// Words a list item may open with when it is a clause of the sentence
/// before it ("… except under the following conditions: (i) When the unit
/// has been repaired …").
const SUBORDINATORS: &[&str] = &[
    "when", "where", "whenever", "if", "unless", "because", "since", "while", "although", "though",
    "after", "before", "until", "that", "which", "who",
];

/// A sentence that is only a clause: it opens with a subordinating word
/// or in lower case, and no comma is followed by a main clause (a pronoun,
/// an imperative verb, or a subject and its verb: "If …, it is better",
/// "If …, append …").
pub fn is_fragment(sentence: &str, toks: &[nlp::Token<'_>]) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or("");
    let opens = first.starts_with(char::is_lowercase) && first.chars().any(char::is_alphabetic)
        || SUBORDINATORS.contains(&fold(first).as_str());
    if !opens {
        return false;
    }
    let main_clause = (1..toks.len()).any(|i| {
        if !sentence[toks[i - 1].end..toks[i].start].contains(',') {
            return false;
        }
        let t = toks[i].tag.name();
        t == "PRP"
            || t == "VB"
            || t == "DT"
                && toks[i + 1..]
                    .iter()
                    .take(5)
                    .any(|x| matches!(x.tag.name(), "MD" | "VBZ" | "VBP" | "VBD"))
    });
    !main_clause
}

/// The sentence ending with ":" that the point or bullet `bi` completes,
/// found across the points before it.
pub fn lead_in(doc: &Doc, bi: usize) -> Option<&str> {
    let is_item = |k: BlockKind| matches!(k, BlockKind::Point | BlockKind::Bullet);
    if !is_item(doc.blocks[bi].kind) {
        return None;
    }
    for j in (bi.saturating_sub(16)..bi).rev() {
        let b = &doc.blocks[j];
        let last = b.sentences.last()?;
        if last.trim_end().ends_with(':') {
            return Some(last.as_str());
        }
        if !is_item(b.kind) {
            return None;
        }
    }
    None
}

/// A card on a list item that is only a clause shows the sentence it
/// completes; when the two are too long together, the card is dropped
/// (the reason is returned).
pub fn show_lead(c: &mut Candidate, lead: &str, prefix: Option<&str>) -> Option<String> {
    if text::word_count(lead) + text::word_count(&c.front) > frame::MAX_WITH_PREV_WORDS {
        return Some("a clause of a list whose lead-in is too long to show".into());
    }
    let (head, rest) = match prefix.and_then(|p| {
        c.front
            .strip_prefix(p)
            .and_then(|r| r.strip_prefix(": "))
            .map(|r| (p, r))
    }) {
        Some((p, r)) => (format!("{p}: "), r.to_string()),
        None => (String::new(), c.front.clone()),
    };
    c.front = format!("{head}{} {rest}", lead.trim());
    None
}

/// A list question cut from the middle of a long sentence ("… deepen
/// pragmatic cooperation, … ___") shows the sentence's opening up to its
/// first verb ("We will … deepen …", "Everyone is entitled … such as ___").
pub fn show_subject(
    c: &mut Candidate,
    sentence: &str,
    toks: &[nlp::Token<'_>],
    prefix: Option<&str>,
) {
    let (head, body) = match prefix.and_then(|p| {
        c.front
            .strip_prefix(p)
            .and_then(|r| r.strip_prefix(": "))
            .map(|r| (p, r))
    }) {
        Some((p, r)) => (format!("{p}: "), r),
        None => (String::new(), c.front.as_str()),
    };
    if !body.starts_with('\u{2026}') {
        return;
    }
    let Some(v) = toks
        .iter()
        .take(7)
        .position(|t| t.tag.is_verb() && !t.tag.is_participle() || t.tag.name() == "MD")
    else {
        return;
    };
    if v == 0 {
        return;
    }
    // "We will promote": a modal takes its verb along
    let end = if toks[v].tag.name() == "MD" {
        toks.get(v + 1)
            .filter(|t| t.tag.is_verb())
            .map_or(toks[v].end, |t| t.end)
    } else {
        toks[v].end
    };
    let Some(opening) = sentence.get(..end) else {
        return;
    };
    if body.contains(opening) {
        return;
    }
    if text::word_count(opening) + text::word_count(&c.front) > frame::MAX_WITH_PREV_WORDS {
        return;
    }
    c.front = format!("{head}{opening} {body}");
}

#[cfg(test)]
mod of_it_tests {
    use super::super::candidate::Candidate;
    use super::*;
    use crate::model::CardKind;

    #[test]
    fn of_it_takes_the_phrase_that_ends_the_sentence_before() {
        let mut c = Candidate {
            kind: CardKind::List,
            front: "The core of it boils down to ___. (2 items)".into(),
            back: String::new(),
            items: vec![
                "peace without war".into(),
                "development without poverty".into(),
            ],
            ordered: false,
            block: 0,
            sentence: 0,
            locator: String::new(),
            context: String::new(),
            score: 1.0,
            origin: "list",
        };
        resolve_of_it(
            &mut c,
            Some("He spoke at Davos and comprehensively expounded the important thought of building a community of human destiny."),
        );
        assert_eq!(
            c.front,
            "The core of the important thought of building a community of human destiny boils down to ___. (2 items)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{build_deck, BuildOptions};
    use super::*;

    #[test]
    fn a_clause_in_a_list_shows_the_sentence_it_completes() {
        let clause =
            "When the unit has been repaired by soldering, welding, or use of patching compounds;";
        assert!(is_fragment(clause, &nlp::tag(clause)));
        for whole in [
            "If a name clashes with a keyword, it is better to append an underscore.",
            "If your name collides with a keyword, append a single trailing underscore.",
            "The employer shall record the date.",
        ] {
            assert!(!is_fragment(whole, &nlp::tag(whole)), "{whole}");
        }
        let doc = "Testing\n\n(2) The employer shall test extinguishers every year, except under any of the following conditions:\n\n\
            (i) When the unit has been repaired by soldering, welding, or use of patching compounds;\n\n\
            (ii) When the cylinder threads are damaged;\n\n\
            (iii) When corrosion has caused pitting under removable name plate assemblies.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        let fronts: Vec<&str> = built.deck.cards.iter().map(|c| c.front.as_str()).collect();
        let items: Vec<&str> = fronts
            .iter()
            .copied()
            .filter(|f| f.contains("When "))
            .collect();
        assert!(!items.is_empty(), "{fronts:?}");
        for f in items {
            assert!(f.contains("following conditions: When"), "{f}");
        }
    }
}

/// "The core of it boils down to ___": "it" after "of" early in a list
/// question stands for the noun phrase that ends the sentence before
/// ("… expounded the important thought of building a community of human
/// destiny."), which takes its place.
pub fn resolve_of_it(c: &mut Candidate, prev: Option<&str>) {
    let Some(at) = c.front.find(" of it ") else {
        return;
    };
    if text::word_count(&c.front[..at]) > 4 {
        return;
    }
    let Some(prev) = prev.map(str::trim) else {
        return;
    };
    let body = prev.trim_end_matches(['.', '!']);
    let Some(the) = body.rfind(" the ") else {
        return;
    };
    let phrase = &body[the + 1..];
    let toks = nlp::tag(phrase);
    let plain = toks
        .iter()
        .all(|t| !matches!(t.tag.name(), "VBZ" | "VBP" | "MD"))
        && toks.last().is_some_and(|t| t.tag.is_noun())
        && !phrase.contains([',', ';', ':']);
    if !plain || text::word_count(phrase) > 10 {
        return;
    }
    if text::word_count(&c.front) + text::word_count(phrase) > frame::MAX_WITH_PREV_WORDS {
        return;
    }
    c.front = format!("{} of {}{}", &c.front[..at], phrase, &c.front[at + 6..]);
}
