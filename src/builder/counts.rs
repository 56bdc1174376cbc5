//! "How many …?" questions for counted nouns: a number before a plural
//! noun in a clause with an auxiliary that can be put first.
//!
//! - "The Senate shall be composed of two Senators from each State" →
//!   "How many Senators shall the Senate be composed of from each State?"
//! - "There are two methods of curing the mischiefs of faction" → "How
//!   many methods of curing the mischiefs of faction are there?"
//!
//! Only clauses whose verb group opens with an auxiliary or modal ("shall",
//! "will", "is", "has" + participle …) are asked: putting it first is the
//! whole rewrite, so the question stays the sentence's own words. Other
//! clauses keep the figure's gap card.

use super::candidate::{prior, Candidate};
use super::gaps::At;
use super::nlp::Token;
use super::text::{fold, word_count};
use crate::model::CardKind;
use crate::numbers;

/// Longest question, in words.
const MAX_QUESTION_WORDS: usize = 30;

fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "shall"
            | "can"
            | "must"
            | "should"
            | "may"
            | "might"
            | "would"
            | "could"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
    )
}

/// The count of a number token: digits or a number word, small enough to
/// be counting things (not a year or an amount).
fn count_of(t: &Token<'_>) -> Option<u64> {
    let w = fold(t.text);
    let n = w
        .replace(',', "")
        .parse::<u64>()
        .ok()
        .or_else(|| numbers::cardinal_value(&w))?;
    (2..=1000).contains(&n).then_some(n)
}

/// Lower-cases the subject's first word unless it is a name.
fn lower_first(toks: &[Token<'_>], subject: &str) -> String {
    let first = toks.first().map_or("", |t| t.text);
    if toks.first().is_some_and(|t| t.tag.is_proper()) || first == "I" {
        return subject.to_string();
    }
    let mut c = subject.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn extract(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let toks = at.toks;
    if s.trim_end().ends_with('?') || toks.len() < 4 {
        return;
    }
    // the first auxiliary of the main clause, before any comma
    let first_comma = s.find([',', ';', ':', '(']).unwrap_or(s.len());
    let Some(v) = toks
        .iter()
        .take_while(|t| t.end <= first_comma)
        .position(|t| is_aux(&fold(t.text)))
    else {
        return;
    };
    if v == 0 || v > 8 {
        return;
    }
    // "has" is an auxiliary only before a participle ("A colony has three
    // castes" would ask "How many castes has a colony?")
    if matches!(fold(toks[v].text).as_str(), "has" | "have" | "had")
        && toks[v + 1..]
            .iter()
            .find(|t| !t.tag.is_adverb())
            .is_none_or(|t| t.tag.name() != "VBN")
    {
        return;
    }
    // the counted noun: a number, maybe adjectives, then a plural noun
    let Some(k) = (v + 1..toks.len()).find(|&k| count_of(&toks[k]).is_some()) else {
        return;
    };
    if s[toks[v].end..toks[k].start].contains([',', ';', ':', '(', '.']) {
        return;
    }
    // "There are two methods …: the one, …; the other, …": the list after
    // the colon is the fact; its count alone is trivia
    if s[toks[k].end..].contains(':') {
        return;
    }
    let mut h = k + 1;
    while h < toks.len() && toks[h].tag.is_adjective() {
        h += 1;
    }
    if toks.get(h).is_none_or(|t| t.tag.name() != "NNS") {
        return;
    }
    // "… of two Senators" keeps its noun and what names it
    while toks.get(h + 1).is_some_and(|t| t.tag.name() == "NNS") {
        h += 1;
    }
    let subject_words = &toks[..v];
    let there = v == 1 && fold(toks[0].text) == "there";
    let subject = s[..toks[v].start].trim();
    if subject_words
        .iter()
        .any(|t| super::text::PRONOUNS.contains(&fold(t.text).as_str()))
        || super::frame::starts_with_pronoun(subject)
        || matches!(fold(toks[0].text).as_str(), "we" | "you" | "i" | "one")
        || word_count(subject) > 8
    {
        return;
    }
    let aux = fold(toks[v].text);
    // vague counted nouns ask nothing ("two things", "three ways")
    if matches!(
        fold(toks[h].text).as_str(),
        "things" | "ways" | "kinds" | "times" | "cases" | "others" | "ones"
    ) {
        return;
    }
    let middle = s[toks[v].end..toks[k].start].trim();
    // the number must be the clause's own object: not inside a subordinate
    // clause ("… that X are tested at 350 psi"), a range or a comparison
    // ("one or two spaces", "not more than five")
    if toks[v + 1..k].iter().any(|t| {
        matches!(
            t.tag.name(),
            "WRB" | "WDT" | "WP" | "VBZ" | "VBP" | "VBD" | "MD"
        ) || matches!(fold(t.text).as_str(), "that" | "if" | "because" | "whether")
    }) {
        return;
    }
    let before = fold(middle.rsplit(' ').next().unwrap_or(""));
    if matches!(
        before.as_str(),
        "than"
            | "or"
            | "and"
            | "to"
            | "least"
            | "most"
            | "about"
            | "over"
            | "under"
            | "nearly"
            | "almost"
            | "approximately"
            | "up"
            | "some"
            | "yet"
    ) {
        return;
    }
    let rest_end = s[toks[h].end..]
        .find([',', ';', ':', '.', '(', '\u{2014}'])
        .map_or(s.len(), |x| toks[h].end + x);
    let mut counted = s[toks[k + 1].start..toks[h].end].to_string();
    let mut rest = s[toks[h].end..rest_end].trim();
    // "fifteen Members of the United Nations": the "of" phrase names them
    // and goes with them ("How many other Members of the United Nations
    // shall the General Assembly elect to be …?")
    if rest.starts_with("of ") {
        let of_start = s[..rest_end].len() - rest.len();
        let phrase_end = toks
            .iter()
            .skip_while(|t| t.start < of_start)
            .skip(1)
            .take_while(|t| {
                t.end <= rest_end
                    && (t.tag.is_noun()
                        || t.tag.is_determiner()
                        || t.tag.is_adjective()
                        || t.tag.is_number())
            })
            .last()
            .map(|t| t.end);
        if let Some(e) = phrase_end {
            counted = format!("{counted} {}", s[of_start..e].trim());
            rest = s[e..rest_end].trim();
        }
    }
    let question = if there {
        format!("How many {counted} {aux} there {middle} {rest}")
    } else {
        format!(
            "How many {counted} {aux} {} {middle} {rest}",
            lower_first(subject_words, subject)
        )
    };
    let question = question.split_whitespace().collect::<Vec<_>>().join(" ");
    let question = format!("{}?", question.trim_end_matches([' ', ',']));
    if word_count(&question) > MAX_QUESTION_WORDS {
        return;
    }
    // "How many years shall they be elected for a term of?": the count
    // sat inside a phrase the question strands
    let last = question
        .trim_end_matches('?')
        .rsplit(' ')
        .next()
        .map(fold)
        .unwrap_or_default();
    if matches!(
        last.as_str(),
        "of" | "for" | "by" | "to" | "in" | "with" | "at" | "on" | "from" | "again"
    ) {
        return;
    }
    out.push(super::gaps::card(
        CardKind::Basic,
        question,
        toks[k].text.to_string(),
        at,
        prior::FIGURE + 0.4,
        "how-many",
    ));
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    fn ask(s: &str) -> Option<(String, String)> {
        let toks = tag(s);
        let at = At::alone(s, &toks);
        let mut out = Vec::new();
        extract(at, &mut out);
        out.pop().map(|c| (c.front, c.back))
    }

    #[test]
    fn counted_nouns_are_asked_how_many() {
        assert_eq!(
            ask("The Senate of the United States shall be composed of two Senators from each State, elected by the people thereof."),
            Some((
                "How many Senators shall the Senate of the United States be composed of from each State?".into(),
                "two".into()
            ))
        );
        assert_eq!(
            ask("There are two methods of curing the mischiefs of faction."),
            Some((
                "How many methods are there of curing the mischiefs of faction?".into(),
                "two".into()
            ))
        );
        // the count's "of" phrase goes with it
        assert_eq!(
            ask("The General Assembly shall elect ten other Members of the United Nations to be non-permanent members of the Security Council."),
            Some((
                "How many other Members of the United Nations shall the General Assembly elect to be non-permanent members of the Security Council?".into(),
                "ten".into()
            ))
        );
        // the list after a colon is asked instead of its count
        assert_eq!(
            ask("There are two methods of curing the mischiefs of faction: the one, by removing its causes."),
            None
        );
    }

    #[test]
    fn a_count_inside_a_phrase_is_not_asked() {
        assert_eq!(
            ask("The non-permanent members shall be elected for a term of two years."),
            None
        );
    }

    #[test]
    fn clauses_without_a_leading_auxiliary_keep_their_gap() {
        assert_eq!(ask("The Sun sends out 400 tons of gas."), None);
        assert_eq!(ask("It will last 5 years."), None);
        assert_eq!(ask("The treaty was signed in 1945."), None);
        // a number inside a subordinate clause or a comparison
        assert_eq!(
            ask("The employer shall assure that foam extinguishers are tested at 350 psi."),
            None
        );
        assert_eq!(
            ask("Each Member shall have not more than five representatives."),
            None
        );
        assert_eq!(ask("We now have two variables, x and y."), None);
        assert_eq!(ask("A colony has three castes."), None);
    }
}
