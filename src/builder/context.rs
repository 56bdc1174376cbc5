//! Context a question needs from outside its sentence: the lead-in a
//! list item completes ("… except under the following conditions: (i)
//! When …"), and the opening of a long sentence a list was cut from; and
//! what it must not show: a bracket right after a gap that restates the
//! answer.

use super::candidate::Candidate;
use super::document::{BlockKind, Doc};
use super::text::{self, fold};
use super::{frame, nlp};
use crate::model::CardKind;

/// Words a list item may open with when it is a clause of the sentence
/// before it ("… except under the following conditions: (i) When the unit
/// has been repaired …").
pub const SUBORDINATORS: &[&str] = &[
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
    // "(B) A flexible connection for attachment to fittings …": a noun
    // phrase with no finite verb before its relative clause is an item
    // of the sentence before, whatever its capital
    // (a glossary line, "_single_leading_underscore: weak … indicator",
    // stands alone)
    let verbless = !sentence.contains(": ")
        && !toks
            .iter()
            .take_while(|t| {
                !matches!(
                    fold(t.text).as_str(),
                    "which" | "that" | "who" | "where" | "as"
                )
            })
            .any(|t| matches!(t.tag.name(), "MD" | "VBZ" | "VBP" | "VBD"));
    if verbless {
        return true;
    }
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
    // "There are …" says nothing alone: it takes its clause up to the
    // colon ("There are again two methods of removing the causes of
    // faction:")
    let end = match sentence.find(':') {
        Some(colon) if fold(&sentence[..end]).starts_with("there ") && colon > end => colon + 1,
        _ => end,
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
    // (no "…" when nothing was cut between the two)
    let rest = body.trim_start_matches('\u{2026}').trim_start();
    let joined = rest
        .split("___")
        .next()
        .is_some_and(|lead| sentence[end..].trim_start().starts_with(lead.trim_end()));
    c.front = if joined {
        format!("{head}{opening} {rest}")
    } else {
        format!("{head}{opening} {body}")
    };
}

#[cfg(test)]
mod show_subject_tests {
    use super::super::candidate::Candidate;
    use super::*;

    fn list(front: &str) -> Candidate {
        super::restatement_tests::cloze(front, "", &["opinions", "passions", "interests"])
    }

    /// The question of a list cut from `sentence`, after `show_subject`.
    fn shown(sentence: &str, front: &str) -> String {
        let toks = nlp::tag(sentence);
        let mut c = list(front);
        show_subject(&mut c, sentence, &toks, None);
        c.front
    }

    #[test]
    fn a_cut_list_shows_its_subject_and_there_are_its_clause() {
        let f = shown(
            "There are again two methods of removing the causes of faction: the one, by destroying the liberty which is essential to its existence; the other, by giving to every citizen the same opinions, the same passions, and the same interests.",
            "\u{2026} the one, by destroying the liberty which is essential to its existence; the other, by giving to every citizen the same ___. (3 items)",
        );
        assert!(
            f.starts_with("There are again two methods of removing the causes of faction: the one, by destroying"),
            "{f}"
        );
        let f = shown(
            "Everyone is entitled to all the rights and freedoms set forth in this Declaration, without distinction of any kind, such as race, colour, sex, language or religion.",
            "\u{2026} without distinction of any kind, such as ___. (5 items)",
        );
        assert!(f.starts_with("Everyone is \u{2026} without"), "{f}");
    }
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
        // a noun phrase with no finite verb is an item too; a glossary
        // line is not
        let item = "A flexible connection for attachment to fittings to test through the hose outlet, as is applicable; and";
        assert!(is_fragment(item, &nlp::tag(item)));
        let gloss = "_single_leading_underscore: weak \"internal use\" indicator.";
        assert!(!is_fragment(gloss, &nlp::tag(gloss)));
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

/// Letters of an abbreviation ("APIs" → "api", "DCMS" → "dcms"), when
/// `s` is one: a single word of 2–6 letters, mostly capitals.
fn abbreviation(s: &str) -> Option<String> {
    let w = s.trim();
    let core = w.strip_suffix('s').filter(|c| c.len() >= 2).unwrap_or(w);
    let caps = core.chars().filter(|c| c.is_uppercase()).count();
    (!w.contains(' ')
        && (2..=6).contains(&core.chars().count())
        && core.chars().all(char::is_alphabetic)
        && caps * 2 > core.chars().count())
    .then(|| fold(core))
}

/// First letters of the words of `s`, without "and"/"of"/"for"/"the".
fn initials(s: &str) -> String {
    initials_of(s, false)
}

/// First letters of the words of `s`, with or without the function words
/// ("System of Records Notice" → "sorn" or "srn").
fn initials_of(s: &str, all: bool) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| {
            all && !w.is_empty()
                || !matches!(fold(w).as_str(), "and" | "of" | "for" | "the" | "&" | "")
        })
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a bracket `inner` restates `answer`: its expansion or
/// abbreviation ("APIs" / "application programming interfaces"), or the
/// same figure in other units ("67 °C" / "153 °F").
fn restates(inner: &str, answer: &str) -> bool {
    let digits = |s: &str| s.contains(|c: char| c.is_ascii_digit());
    if digits(inner) && digits(answer) {
        return true;
    }
    if let Some(a) = abbreviation(answer) {
        if initials(inner) == a {
            return true;
        }
    }
    if let Some(b) = abbreviation(inner) {
        let i = initials(answer);
        if i.len() >= 2 && b.contains(&i) {
            return true;
        }
    }
    false
}

/// Whether `rest` (the text after an answer) opens with a bracketed
/// abbreviation that spells the answer's initials and more ("Culture,
/// Media and Sport (DCMS)" with the answer "Media and Sport"): the answer
/// is the tail of a longer name.
pub fn abbreviates_more(rest: &str, answer: &str) -> bool {
    // the name may go on before its bracket: "___, Media and Sport (DCMS)"
    let Some((between, tail)) = rest.split_once('(') else {
        return false;
    };
    if text::word_count(between) > 5 || between.contains(['.', ';', ':']) {
        return false;
    }
    let Some(inner) = tail.split_once(')').map(|(i, _)| i) else {
        return false;
    };
    let (Some(b), i) = (abbreviation(inner), initials(answer)) else {
        return false;
    };
    let whole = format!("{answer} {between}");
    let spelled = initials_of(&whole, false) == b || initials_of(&whole, true) == b;
    i.len() >= 2 && b.len() > i.len() && (b.ends_with(&i) || spelled)
        || !between.trim().is_empty() && spelled
}

/// A gap on a word's gloss ("The name chromosphere, from the Greek for
/// “___”" → colored sphere) shows the word it glosses, which gives the
/// answer away (a blind reader dropped it as a leak); it is asked as a
/// question instead: "What does “chromosphere” mean in Greek?". The word
/// is the question's one word holding a piece of the answer of five
/// letters or more; the language is the capital word before "for".
pub fn reword_gloss(c: &mut Candidate) {
    if c.kind != CardKind::Cloze || !c.items.is_empty() || c.front.matches(frame::GAP).count() != 1
    {
        return;
    }
    let Some(before) = c.front.split(frame::GAP).next() else {
        return;
    };
    let lead = before.trim_end_matches(['"', '\'', '\u{201c}', '\u{2018}', ' ']);
    let Some(lead) = lead.strip_suffix(" for") else {
        return;
    };
    let Some(language) = lead
        .rsplit(' ')
        .next()
        .filter(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
    else {
        return;
    };
    let pieces: Vec<String> = c
        .back
        .split_whitespace()
        .map(fold)
        .filter(|p| p.chars().count() >= 5)
        .collect();
    let mut glossed: Vec<&str> = text::words(&c.front)
        .iter()
        .map(|w| w.text)
        .filter(|w| {
            let f = fold(w);
            pieces
                .iter()
                .any(|p| f.len() >= p.len() + 3 && f.contains(p.as_str()))
        })
        .collect();
    glossed.dedup_by(|a, b| fold(a) == fold(b));
    if let [word] = glossed[..] {
        c.front = format!("What does “{}” mean in {language}?", word.to_lowercase());
        c.kind = CardKind::Basic;
    }
}

/// A question that stops on a conjunction ("… has brought untold sorrow
/// to mankind, and") ends with "…" instead: the clause it introduced was
/// cut (a blind reader dropped the dangling "and" as garbled).
pub fn trim_dangling_end(c: &mut Candidate) {
    let (body, suffix) = match c.front.rfind(" (") {
        Some(p) if c.front.ends_with(" items)") => (&c.front[..p], &c.front[p..]),
        _ => (c.front.as_str(), ""),
    };
    let t = body.trim_end();
    // a stray closing bracket of an aside opened sentences before ("… or
    // curtains in an ___ on Earth.)")
    if t.ends_with(')') && t.matches(')').count() > t.matches('(').count() {
        c.front = format!("{}{suffix}", &t[..t.len() - 1]);
        return;
    }
    // a stray closing quote of a quotation opened sentences before
    // ("Peace and development are still the ___.”") is dropped
    let odd = t.matches('"').count() % 2 == 1
        || t.matches('\u{201c}').count() < t.matches('\u{201d}').count();
    if odd && t.ends_with(['"', '\u{201d}']) && !t.contains(['\u{201c}']) {
        let cut = t.trim_end_matches(['"', '\u{201d}']);
        if cut.matches('"').count() % 2 == 0 {
            c.front = format!("{cut}{suffix}");
            return;
        }
    }
    for conj in [", and", "; and", ", or", "; or"] {
        if let Some(rest) = t.strip_suffix(conj) {
            c.front = format!("{} \u{2026}{suffix}", rest.trim_end());
            return;
        }
    }
}

/// Removes a bracket right after a gap that restates the gap's answer:
/// "through bulk downloads and ___ (application programming interfaces)"
/// → "… and ___". The gaps take the answers in order; a list's one gap
/// takes all its items.
pub fn drop_restatement(c: &mut Candidate) {
    let answers = c.answer_items();
    let gaps = c.front.matches(frame::GAP).count();
    if gaps == 0 || answers.is_empty() {
        return;
    }
    let mut out = String::with_capacity(c.front.len());
    let mut rest = c.front.as_str();
    let mut k = 0;
    while let Some(i) = rest.find(frame::GAP) {
        let after = &rest[i + frame::GAP.len()..];
        out.push_str(&rest[..i + frame::GAP.len()]);
        let mine: Vec<&String> = if gaps == 1 {
            answers.iter().collect()
        } else {
            answers.get(k).into_iter().collect()
        };
        k += 1;
        rest = after;
        // (a unit may stand between: "___ °C (153 °F)"; or a closing
        // quote: "“___” (MVP)")
        let quote = ['\u{201d}', '"', '\'', '\u{2019}']
            .iter()
            .find(|q| after.starts_with(**q))
            .map_or(0, |q| q.len_utf8());
        let unit = if quote > 0 {
            quote
        } else {
            after
                .strip_prefix(' ')
                .and_then(|r| r.split_once(' '))
                .filter(|(u, _)| !u.is_empty() && u.chars().count() <= 3 && !u.starts_with('('))
                .map_or(0, |(u, _)| u.len() + 1)
        };
        let Some(open) = after[unit..].strip_prefix(" (") else {
            continue;
        };
        let Some(close) = open.find(')') else {
            continue;
        };
        let inner = &open[..close];
        if text::word_count(inner) <= 8 && mine.iter().any(|a| restates(inner, a)) {
            // the unit or quote stays, the bracket goes
            out.push_str(&after[..unit]);
            rest = &open[close + 1..];
        }
    }
    out.push_str(rest);
    c.front = out;
}

/// "a functioning minimum viable product (___)" → MVP: an answer that is
/// the initials of the words right before its bracket is given away.
pub fn initials_before(front: &str, answer: &str) -> bool {
    let Some(i) = front.find(&format!("({})", frame::GAP)) else {
        return false;
    };
    let Some(a) = abbreviation(answer) else {
        return false;
    };
    let before: Vec<&str> = front[..i]
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (1..=before.len().min(8)).any(|k| {
        let words = before[before.len() - k..].join(" ");
        initials_of(&words, false) == a || initials_of(&words, true) == a
    })
}

#[cfg(test)]
mod restatement_tests {
    use super::*;
    use crate::model::CardKind;

    pub(super) fn cloze(front: &str, back: &str, items: &[&str]) -> Candidate {
        Candidate {
            kind: if items.is_empty() {
                CardKind::Cloze
            } else {
                CardKind::List
            },
            front: front.into(),
            back: back.into(),
            items: items.iter().map(|s| s.to_string()).collect(),
            ordered: false,
            block: 0,
            sentence: 0,
            locator: String::new(),
            context: String::new(),
            score: 1.0,
            origin: "test",
        }
    }

    #[test]
    fn a_question_does_not_end_on_a_conjunction_or_a_stray_quote() {
        let mut c = cloze(
            "To save succeeding generations from the scourge of war, which ___ in our lifetime has brought untold sorrow to mankind, and",
            "twice",
            &[],
        );
        trim_dangling_end(&mut c);
        assert_eq!(
            c.front,
            "To save succeeding generations from the scourge of war, which ___ in our lifetime has brought untold sorrow to mankind \u{2026}"
        );
        let mut c = cloze(
            "The comet tails blow the way curtains in an ___ flutter on Earth.)",
            "open window",
            &[],
        );
        trim_dangling_end(&mut c);
        assert_eq!(
            c.front,
            "The comet tails blow the way curtains in an ___ flutter on Earth."
        );
        let mut c = cloze(
            "Peace and development are still the ___.\u{201d}",
            "themes of the times",
            &[],
        );
        trim_dangling_end(&mut c);
        assert_eq!(c.front, "Peace and development are still the ___.");
        // a whole quotation stays
        let mut c = cloze(
            "He said: \u{201c}All warfare is based on ___.\u{201d}",
            "deception",
            &[],
        );
        trim_dangling_end(&mut c);
        assert_eq!(
            c.front,
            "He said: \u{201c}All warfare is based on ___.\u{201d}"
        );
    }

    #[test]
    fn a_gloss_gap_is_asked_as_what_the_word_means() {
        let mut c = cloze(
            "The Chromosphere: The name chromosphere, from the Greek for \u{201c}___\u{201d} was given to this red streak.",
            "colored sphere",
            &[],
        );
        reword_gloss(&mut c);
        assert_eq!(
            c.front,
            "What does \u{201c}chromosphere\u{201d} mean in Greek?"
        );
        assert_eq!(c.kind, CardKind::Basic);
        // no word of the question holds the answer: the gap stays
        let mut c = cloze(
            "The fort was named from the Latin for \u{201c}___\u{201d}.",
            "stronghold",
            &[],
        );
        reword_gloss(&mut c);
        assert_eq!(c.kind, CardKind::Cloze);
        // "used for ___": no language names a gloss
        let mut c = cloze(
            "Extinguishers used for ___ hazards.",
            "Class C hazards",
            &[],
        );
        reword_gloss(&mut c);
        assert_eq!(c.kind, CardKind::Cloze);
    }

    #[test]
    fn a_bracket_restating_the_answer_is_removed() {
        let mut c = cloze(
            "Provide datasets through ___ and ___ (application programming interfaces)",
            "",
            &["bulk downloads", "APIs"],
        );
        c.kind = CardKind::Cloze;
        drop_restatement(&mut c);
        assert_eq!(c.front, "Provide datasets through ___ and ___");
        let mut c = cloze("Water boils at ___ (212 °F) at sea level.", "100 °C", &[]);
        drop_restatement(&mut c);
        assert_eq!(c.front, "Water boils at ___ at sea level.");
        let mut c = cloze(
            "It is led by the Department for ___ (DCMS).",
            "Culture, Media and Sport",
            &[],
        );
        drop_restatement(&mut c);
        assert_eq!(c.front, "It is led by the Department for ___.");
        let mut c = cloze(
            "It would lead to a surface temperature of ___ °C (153 °F), and a warmer planet.",
            "67",
            &[],
        );
        drop_restatement(&mut c);
        assert_eq!(
            c.front,
            "It would lead to a surface temperature of ___ °C, and a warmer planet."
        );
        let mut c = cloze(
            "Ship a functioning \u{201c}___\u{201d} (MVP) that solves a core user need.",
            "minimum viable product",
            &[],
        );
        drop_restatement(&mut c);
        assert_eq!(
            c.front,
            "Ship a functioning \u{201c}___\u{201d} that solves a core user need."
        );
        assert!(abbreviates_more(" (DCMS).", "Media and Sport"));
        assert!(abbreviates_more(
            ", Media and Sport (DCMS).",
            "Department for Culture"
        ));
        assert!(!abbreviates_more(
            " (DCMS).",
            "Department for Culture, Media and Sport"
        ));
        // a short word before a bracket that restates nothing stays once
        let mut c = cloze(
            "Place it on types that are stored on the stack, as ___ are (we talk about traits in Chapter 10).",
            "integers",
            &[],
        );
        drop_restatement(&mut c);
        assert_eq!(
            c.front,
            "Place it on types that are stored on the stack, as ___ are (we talk about traits in Chapter 10)."
        );
        // a date after a name says when, not who
        let mut c = cloze("The rest were defeated at ___ (479 B.C.).", "Platea", &[]);
        drop_restatement(&mut c);
        assert_eq!(c.front, "The rest were defeated at ___ (479 B.C.).");
    }

    #[test]
    fn an_abbreviation_of_the_words_before_it_is_given_away() {
        assert!(initials_before(
            "Ship a functioning minimum viable product (___) soon.",
            "MVP"
        ));
        assert!(initials_before(
            "Determine whether a System of Records Notice (___) is needed.",
            "SORN"
        ));
        assert!(!initials_before(
            "Ship a functioning product (___) soon.",
            "MVP"
        ));
        assert!(!initials_before(
            "The rest were defeated at Platea (___).",
            "479 B.C."
        ));
    }
}
