//! Rules asked as rules: a provision that says how something shall be done
//! ("Decisions … shall be made by a two-thirds majority of the members
//! present and voting") becomes "How shall decisions … be made?" with the
//! "by" phrase as its answer; one that says what a body is made of ("The
//! Senate … shall be composed of two Senators from each State …") becomes
//! "What shall the Senate … be composed of?".
//!
//! Only a sentence that opens with its subject (a noun phrase, no comma)
//! and whose first verb is a modal is asked: putting the modal first and
//! the participle after the subject is the whole rewrite, so the question
//! keeps the text's own words. A negated rule ("shall not be denied … by")
//! is no "how".

use super::candidate::Candidate;
use super::gaps::At;
use super::nlp::Token;
use super::text::{fold, word_count};
use crate::model::CardKind;

/// Score of a provision card: above a figure's gap, below a definition.
const PROVISION: f64 = 3.7;
/// Longest subject, in words.
const MAX_SUBJECT_WORDS: usize = 18;
/// Longest answer, in words.
pub const MAX_ANSWER_WORDS: usize = 14;

fn is_modal(w: &str) -> bool {
    matches!(w, "shall" | "will" | "must" | "may" | "should" | "can")
}

/// The end of the clause that starts at byte `from`: the next ";", ":" or
/// sentence end.
fn clause_end(s: &str, from: usize) -> usize {
    let rest = &s[from..];
    let end = rest.find([';', ':']).unwrap_or(rest.len());
    from + rest[..end].trim_end().trim_end_matches(['.', ',']).len()
}

/// An answer of at most [`MAX_ANSWER_WORDS`], cut at a comma when longer
/// ("by the Members, as apportioned …"), or `None`.
fn answer_span(s: &str, from: usize) -> Option<(usize, usize)> {
    let end = clause_end(s, from);
    let mut span = s[from..end].trim_end();
    // "shall consist of the following:" points at what comes next
    if fold(span).starts_with("the following") || fold(span).starts_with("following") {
        return None;
    }
    while word_count(span) > MAX_ANSWER_WORDS {
        let cut = span.rfind(',')?;
        span = span[..cut].trim_end();
    }
    (word_count(span) >= 2).then_some((from, from + span.len()))
}

fn card(at: At<'_>, question: String, answer: &str) -> Candidate {
    super::gaps::card(
        CardKind::Basic,
        question,
        answer.to_string(),
        at,
        PROVISION,
        "provision",
    )
}

/// "In case of the removal of the President from office or of his death
/// or resignation, the Vice President shall become President." → "In
/// what case shall the Vice President become President?" → the removal …
fn condition(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if s.trim_end().ends_with('?') {
        return;
    }
    let f = fold(s);
    let Some((lead, ask)) = [
        ("in case of ", "In what case"),
        ("in the event of ", "In what event"),
    ]
    .into_iter()
    .find(|(l, _)| f.starts_with(l)) else {
        return;
    };
    let Some(comma) = s.find(", ") else { return };
    let answer = s[lead.len()..comma].trim();
    let n = word_count(answer);
    if !(2..=MAX_ANSWER_WORDS).contains(&n) {
        return;
    }
    // the main clause: a short subject, a modal, the rest of the clause
    let main_start = comma + 2;
    let Some(m) = at
        .toks
        .iter()
        .position(|t| t.start >= main_start && t.tag.name() == "MD")
    else {
        return;
    };
    let subject = s[main_start..at.toks[m].start].trim();
    let modal = at.toks[m].text;
    let rest_start = at.toks[m].end;
    let rest = s[rest_start..clause_end(s, rest_start)].trim();
    let sw = word_count(subject);
    if !(1..=8).contains(&sw)
        || subject.contains([',', ';'])
        || !is_modal(&fold(modal))
        || super::frame::starts_with_pronoun(subject)
        || word_count(rest) == 0
        || word_count(rest) > 12
    {
        return;
    }
    let subject = match subject.split_once(' ') {
        Some((first, more)) if matches!(fold(first).as_str(), "the" | "a" | "an") => {
            format!("{} {more}", fold(first))
        }
        _ => subject.to_string(),
    };
    let question = format!("{ask} {} {subject} {rest}?", fold(modal));
    out.push(card(at, question, answer));
}

pub fn extract(at: At<'_>, out: &mut Vec<Candidate>) {
    condition(at, out);
    let s = at.text;
    let toks = at.toks;
    let Some(m) = toks.iter().position(|t| t.tag.name() == "MD") else {
        return;
    };
    let modal = fold(toks[m].text);
    if !is_modal(&modal) || m == 0 || word_count(&s[..toks[m].start]) > MAX_SUBJECT_WORDS {
        return;
    }
    // the subject: a noun phrase from the sentence's start, with no verb
    // of its own before a relative word and no comma
    let subject_toks = &toks[..m];
    let opens = subject_toks[0].tag.is_determiner()
        || subject_toks[0].tag.is_noun()
        || subject_toks[0].tag.is_adjective()
        || subject_toks[0].tag.is_number();
    let first = fold(subject_toks[0].text);
    if !opens
        || matches!(
            first.as_str(),
            "no" | "neither" | "this" | "these" | "that" | "those"
        )
        || !subject_toks.iter().any(|t| t.tag.is_noun())
        || s[..toks[m].start].contains([',', ';', ':', '(', '"', '\u{201c}'])
        // ("any such question", "these rights": the rule leans on the one
        // before)
        || subject_toks.iter().any(|t| {
            matches!(fold(t.text).as_str(), "such" | "these" | "those" | "this" | "that")
        })
    {
        return;
    }
    let relative = subject_toks
        .iter()
        .position(|t| matches!(fold(t.text).as_str(), "which" | "who" | "that"))
        .unwrap_or(m);
    if subject_toks[..relative].iter().any(|t| t.tag.is_verb()) {
        return;
    }
    let after: Vec<&Token<'_>> = toks[m + 1..].iter().collect();
    if after
        .iter()
        .take(2)
        .any(|t| matches!(fold(t.text).as_str(), "not" | "never" | "no"))
    {
        return;
    }
    let subject = s[toks[0].start..toks[m].start].trim();
    let subject = if subject_toks[0].tag.is_proper() {
        subject.to_string()
    } else {
        let mut c = subject.chars();
        c.next()
            .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    };
    let word = |i: usize| after.get(i).map(|t| fold(t.text)).unwrap_or_default();
    // "shall consist of …", "shall be composed of …": what it is made of
    let (made_of, verb_end) = if word(0) == "consist" && word(1) == "of" {
        (true, 1)
    } else if word(0) == "be"
        && matches!(word(1).as_str(), "composed" | "comprised")
        && word(2) == "of"
    {
        (true, 2)
    } else {
        (false, 0)
    };
    if made_of {
        let of = after[verb_end];
        let Some(next) = after.get(verb_end + 1) else {
            return;
        };
        let Some((a, b)) = answer_span(s, next.start) else {
            return;
        };
        let verb = s[after[0].start..of.end].trim();
        let q = format!("What {modal} {subject} {verb}?");
        out.push(card(at, q, &s[a..b]));
        return;
    }
    // "shall be made by …", "will be effected by …", "may be expelled from
    // the Organization by …": the "by" phrase says how
    if word(0) != "be" || after.get(1).is_none_or(|t| t.tag.name() != "VBN") {
        return;
    }
    let Some(by) = after
        .iter()
        .enumerate()
        .skip(2)
        .take(6)
        .take_while(|(_, t)| t.tag.name() != "," && !t.tag.is_verb())
        .find(|(_, t)| fold(t.text) == "by")
        .map(|(i, _)| i)
    else {
        return;
    };
    let Some((a, b)) = answer_span(s, after[by].start) else {
        return;
    };
    let verb = s[after[1].start..after[by - 1].end].trim();
    let q = format!("How {modal} {subject} be {verb}?");
    if word_count(&q) > 30 {
        return;
    }
    out.push(card(at, q, &s[a..b]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(s: &str) -> Option<(String, String)> {
        let toks = super::super::nlp::tag(s);
        let mut out = Vec::new();
        extract(At::alone(s, &toks), &mut out);
        out.pop().map(|c| (c.front, c.back))
    }

    #[test]
    fn the_case_a_rule_applies_in_is_asked() {
        assert_eq!(
            ask("In case of the removal of the President from office or of his death or resignation, the Vice President shall become President."),
            Some((
                "In what case shall the Vice President become President?".into(),
                "the removal of the President from office or of his death or resignation".into()
            ))
        );
        // a question of the text is no rule
        assert_eq!(
            ask("In the event of a disaster to a datacenter, how long will it take to have the service operational?"),
            None
        );
    }

    #[test]
    fn how_a_rule_is_carried_out_is_asked() {
        assert_eq!(
            ask("Decisions of the General Assembly on important questions shall be made by a two-thirds majority of the members present and voting."),
            Some((
                "How shall decisions of the General Assembly on important questions be made?".into(),
                "by a two-thirds majority of the members present and voting".into()
            ))
        );
        assert_eq!(
            ask("The expenses of the Organization shall be borne by the Members as apportioned by the General Assembly."),
            Some((
                "How shall the expenses of the Organization be borne?".into(),
                "by the Members as apportioned by the General Assembly".into()
            ))
        );
        assert_eq!(
            ask("A Member which has persistently violated the Principles may be expelled from the Organization by the General Assembly."),
            Some((
                "How may a Member which has persistently violated the Principles be expelled from the Organization?".into(),
                "by the General Assembly".into()
            ))
        );
    }

    #[test]
    fn what_a_body_is_made_of_is_asked() {
        assert_eq!(
            ask("The Senate of the United States shall be composed of two Senators from each State, elected by the people thereof, for six years;"),
            Some((
                "What shall the Senate of the United States be composed of?".into(),
                "two Senators from each State, elected by the people thereof, for six years".into()
            ))
        );
        assert_eq!(
            ask("A quorum for the purpose shall consist of two-thirds of the whole number of Senators."),
            Some((
                "What shall a quorum for the purpose consist of?".into(),
                "two-thirds of the whole number of Senators".into()
            ))
        );
    }

    #[test]
    fn negated_or_conditional_rules_are_not_asked() {
        assert_eq!(
            ask("The exercise of these rights may be restored by the Council."),
            None
        );
        assert_eq!(
            ask("The right of citizens to vote shall not be denied or abridged by the United States on account of sex."),
            None
        );
        assert_eq!(
            ask("If the President dies, the office shall be filled by the Vice President."),
            None
        );
        assert_eq!(
            ask("This article shall be enforced by appropriate legislation."),
            None
        );
        assert_eq!(
            ask("Any such question shall be referred to the Council by the Assembly."),
            None
        );
        assert_eq!(
            ask("The equipment for testing shall consist of the following: a pump."),
            None
        );
    }
}
