//! Turning a sentence and a span into a question: gap fronts, pronoun
//! resolution, length trimming.

use super::text::{self, fold, is_stop, words, PRONOUNS};

/// Longest question, in words.
pub const MAX_FRONT_WORDS: usize = 40;
/// The gap marker.
pub const GAP: &str = "___";

/// The subject of a sentence: the words before its first verb, if that is a
/// short noun phrase (used to resolve a pronoun in the next sentence).
pub fn subject(sentence: &str) -> Option<String> {
    // "Sun Tzu said: The art of war is …": the subject follows the colon
    let sentence = sentence.rsplit(':').next().unwrap_or(sentence).trim();
    // the words before the first finite verb ("Xerxes found himself …")
    let toks = super::nlp::tag(sentence);
    let v = toks
        .iter()
        .position(|t| matches!(t.tag.name(), "VBD" | "VBZ" | "VBP" | "MD"))?;
    if v == 0 || v > 6 {
        return None;
    }
    // a subject holds no pronoun, adverb or clause ("Scientists quickly
    // realized …", "The Greek tribes as we have told were …")
    if toks[..v].iter().any(|t| {
        PRONOUNS.contains(&fold(t.text).as_str())
            || t.tag.is_adverb()
            || t.tag.is_verb()
            || matches!(t.tag.name(), "PRP" | "," | ":")
            || matches!(fold(t.text).as_str(), "as" | "which" | "who" | "whom")
    }) {
        return None;
    }
    let first = fold(toks[0].text);
    if PRONOUNS.contains(&first.as_str())
        || (is_stop(toks[0].text)
            && !matches!(
                first.as_str(),
                "the" | "a" | "an" | "all" | "every" | "each"
            ))
    {
        return None;
    }
    let text = &sentence[toks[0].start..toks[v - 1].end];
    (!text.contains([',', ';', '(', ')'])).then(|| text.to_string())
}

/// "It was on account of the Scythians that Darius invaded Europe": a
/// cleft sentence's "it" points at nothing and needs no antecedent.
pub fn is_cleft(s: &str) -> bool {
    // (a gap is a word here: "It was on ___ that Darius invaded Europe")
    let s = s.replace(GAP, "X");
    let w = words(&s);
    w.len() >= 5
        && fold(w[0].text) == "it"
        && matches!(fold(w[1].text).as_str(), "is" | "was")
        && w[3..]
            .iter()
            .any(|x| matches!(fold(x.text).as_str(), "that" | "who"))
        && !w[2..4]
            .iter()
            .any(|x| matches!(fold(x.text).as_str(), "that" | "who"))
        && !matches!(
            fold(w[2].text).as_str(),
            "a" | "an"
                | "not"
                | "also"
                | "very"
                | "clear"
                | "true"
                | "possible"
                | "important"
                | "necessary"
                | "likely"
                | "said"
                | "known"
                | "believed"
                | "thought"
        )
}

/// Whether `s` starts with a pronoun that needs an antecedent.
pub fn starts_with_pronoun(s: &str) -> bool {
    if is_cleft(s) {
        return false;
    }
    text::first_word(s).is_some_and(|w| PRONOUNS.iter().any(|p| text::eq_fold(w.text, p)))
}

/// Replaces a leading pronoun with the previous sentence's subject.
/// `None` when it cannot be resolved.
pub fn resolve(front: &str, prev: Option<&str>) -> Option<String> {
    let Some(first) = text::first_word(front) else {
        return Some(front.to_string());
    };
    let f = fold(first.text);
    if !PRONOUNS.contains(&f.as_str()) {
        return Some(front.to_string());
    }
    // "This Herodotus was born …": a demonstrative before a name points
    // at nothing the name does not say
    if matches!(f.as_str(), "this" | "that" | "these" | "those") {
        let rest = front[first.end..].trim_start();
        if let Some(next) = text::first_word(rest) {
            let name = next.text.starts_with(char::is_uppercase)
                && next.text.chars().skip(1).any(char::is_lowercase)
                && !is_stop(next.text);
            if name {
                return Some(rest.to_string());
            }
        }
    }
    if is_cleft(front) {
        return Some(front.to_string());
    }
    // "This article shall be …": the text's own part
    let opening: Vec<&str> = front.split_whitespace().take(2).collect();
    if names_own_part(&opening.join(" ")) {
        return Some(front.to_string());
    }
    if !matches!(f.as_str(), "it" | "they" | "he" | "she") {
        return None;
    }
    let subj = subject(prev?)?;
    Some(format!(
        "{}{}",
        text::capitalise(&subj),
        &front[first.end..]
    ))
}

/// The subject of a sentence: the words before its first finite verb, when
/// they are a short phrase without a comma.
fn subject_of(sentence: &str) -> Option<(&str, &str)> {
    let toks = super::nlp::tag(sentence);
    let v = toks
        .iter()
        .position(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))?;
    // an opening phrase before a comma ("In all criminal prosecutions, the
    // accused shall …") is left out; a condition ("If …,") is not
    let opens_with_phrase = toks[0].tag.name() == "IN"
        && !matches!(
            fold(toks[0].text).as_str(),
            "if" | "when"
                | "where"
                | "while"
                | "although"
                | "because"
                | "as"
                | "since"
                | "unless"
                | "whenever"
                | "though"
                | "until"
        );
    let from = match sentence[..toks[v].start].rfind(',') {
        Some(c) if opens_with_phrase => toks.iter().position(|t| t.start > c).filter(|&i| i < v)?,
        _ => 0,
    };
    // "A Member … which is in arrears … shall have no vote": the first
    // verb is the relative clause's; the subject is the phrase before the
    // relative pronoun, and the main verb the modal after it
    let mut subj_end = v;
    let mut v = v;
    if let Some(rel) = (from + 1..v).find(|&k| matches!(toks[k].tag.name(), "WDT" | "WP")) {
        let modal = (v + 1..toks.len()).find(|&k| toks[k].tag.name() == "MD")?;
        if sentence[toks[v].start..toks[modal].start].contains([',', ';', ':']) {
            return None;
        }
        subj_end = rel;
        v = modal;
    }
    let subj = sentence[toks[from].start..toks[subj_end].start].trim();
    let n = text::word_count(subj);
    // the verb group after it ("shall enjoy", "are thus sown")
    let group = toks[v..]
        .iter()
        .take(3)
        .take_while(|t| t.tag.is_verb() || matches!(t.tag.name(), "MD" | "RB" | "TO"))
        .count()
        .max(1);
    let mut group_end = toks[v + group - 1].end;
    // "shall be inoperative": a form of "be" takes its adjective along
    if matches!(
        fold(toks[v + group - 1].text).as_str(),
        "be" | "is" | "are" | "was" | "were"
    ) && toks.get(v + group).is_some_and(|t| t.tag.is_adjective())
    {
        group_end = toks[v + group].end;
    }
    let verb = &sentence[toks[v].start..group_end];
    ((1..=8).contains(&n)
        && (n >= 2 || toks[from].tag.is_noun() && from > 0)
        && !subj.contains([',', ';', ':', '(', '"', '\u{201c}'])
        && (!super::frame::starts_with_pronoun(subj) || names_own_part(subj))
        // ("the accused": an article and a participle name a person too)
        && (toks[from..subj_end].iter().any(|t| t.tag.is_noun())
            || subj_end == from + 2 && fold(toks[from].text) == "the")
        // "Where extinguishers are …", "See much and put aside the things
        // which …": no subject phrase
        && toks[from..subj_end].iter().all(|t| {
            t.tag.is_noun()
                || t.tag.is_adjective()
                || t.tag.is_determiner()
                || t.tag.is_number()
                || matches!(t.tag.name(), "IN" | "POS" | "CC" | "VBN" | "VBG")
        })
        && !matches!(
            fold(toks[0].text).as_str(),
            "where" | "when" | "if" | "while" | "although" | "because" | "as" | "since" | "unless"
        ))
    .then_some((subj, verb))
}

/// The last independent clause of `before` that fits in `budget` words,
/// without its conjunction: "… shall not be violated, and no Warrants
/// shall issue, but upon probable cause, supported by " → "No Warrants
/// shall issue, but upon probable cause, supported by ". The earliest
/// such clause that fits is taken, so the question keeps most context.
fn independent_clause(before: &str, budget: usize) -> Option<String> {
    for (i, m) in before.match_indices([',', ';']) {
        let rest = before[i + m.len()..].trim_start();
        let f = fold(rest);
        let Some(conj) = ["and ", "but ", "while ", "whereas ", ""]
            .iter()
            .find(|c| f.starts_with(*c))
        else {
            continue;
        };
        // a bare comma starts a clause only after a semicolon
        if conj.is_empty() && m != ";" {
            continue;
        }
        let clause = rest[conj.len()..].trim_start();
        let n = text::word_count(clause);
        if n > budget {
            continue;
        }
        if n < 4 {
            return None;
        }
        // its own subject and finite verb, before any comma: "no
        // Warrants shall issue"
        let head = clause.split([',', ';', ':']).next().unwrap_or("");
        let toks = super::nlp::tag(head);
        let Some(v) = toks
            .iter()
            .position(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))
        else {
            continue;
        };
        let subject_ok = (1..=6).contains(&v)
            && toks[..v].iter().any(|t| t.tag.is_noun())
            && !starts_with_pronoun(head)
            && toks[..v].iter().all(|t| {
                t.tag.is_noun()
                    || t.tag.is_adjective()
                    || t.tag.is_determiner()
                    || t.tag.is_number()
                    || matches!(t.tag.name(), "IN" | "POS" | "CC")
            })
            && !matches!(toks[0].tag.name(), "IN");
        if subject_ok {
            return Some(text::capitalise(clause));
        }
    }
    None
}

/// "This article", "this section": the text's own part, which needs no
/// antecedent.
fn names_own_part(subj: &str) -> bool {
    let w = words(subj);
    w.len() == 2
        && fold(w[0].text) == "this"
        && matches!(
            fold(w[1].text).as_str(),
            "article" | "section" | "amendment" | "chapter" | "part" | "act" | "paragraph"
        )
}

/// Trims a question to at most [`MAX_FRONT_WORDS`] by cutting whole clauses
/// far from the gap, marking cuts with "…".
pub fn trim_around(before: &str, after: &str) -> (String, String) {
    let mut before = before.to_string();
    let mut after = after.to_string();
    let budget_before = 28;
    if let Some(clause) = (text::word_count(&before) > budget_before)
        .then(|| independent_clause(&before, budget_before))
        .flatten()
    {
        before = clause;
    } else if text::word_count(&before) > budget_before {
        // cut at a clause boundary leaving at most budget_before words
        let mut cut = None;
        for (i, _) in before.match_indices([',', ';', ':']) {
            if text::word_count(&before[i + 1..]) <= budget_before {
                cut = Some(i + 1);
                break;
            }
        }
        let rest = match cut {
            Some(i) => before[i..].trim_start().to_string(),
            None => {
                // (at the main verb when it fits: "A Member … shall have no
                // vote …", not "… Organization shall have no vote …")
                let at_verb = subject_of(&before).and_then(|(subj, verb)| {
                    let from = before.find(subj)? + subj.len();
                    let p = from + before[from..].find(verb)?;
                    (text::word_count(&before[p..]) <= budget_before).then_some(p)
                });
                let w = words(&before);
                let start = at_verb.unwrap_or(w[w.len() - budget_before].start);
                before[start..].to_string()
            }
        };
        // keep the sentence's subject, so the clause says whose it is:
        // "The idea … provides new choices for ___", not "… provides new
        // choices for ___"
        // (with its verb when the clause kept has none of its own: "the
        // accused shall enjoy … to have the ___ for his defence")
        // (a condition cut out between them would turn the rule around:
        // "This article shall be inoperative … within seven years" lost
        // "unless it shall have been ratified")
        let cuts_condition = |subj: &str| {
            let from = before.find(subj).map_or(0, |p| p + subj.len());
            let to = before.len().saturating_sub(rest.len()).max(from);
            let omitted = format!(" {} ", fold(&before[from..to]));
            [" unless ", " if ", " until ", " except ", " provided "]
                .iter()
                .any(|c| omitted.contains(c))
        };
        // (nor across a clause with a subject of its own: "Portable fire
        // extinguishers for Class D hazards … powders … are generated"
        // would make the extinguishers what is generated; nor when the
        // clause kept opens with a pointer whose antecedent was cut: "…
        // and these handed down …")
        // (a coordinated clause is fine: "Observations … and its spectrum
        // consists of ___")
        let coordinated = ["and ", "but ", "or ", "nor "]
            .iter()
            .any(|c| fold(&rest).starts_with(c));
        let own_subject = !coordinated && {
            let toks = super::nlp::tag(&rest);
            toks.iter()
                .position(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))
                .is_some_and(|v| toks[..v].iter().any(|t| t.tag.is_noun()))
        };
        let pointer = {
            let f = fold(&rest);
            let f = f.strip_prefix("and ").unwrap_or(&f);
            ["these ", "they ", "those ", "it ", "this "]
                .iter()
                .any(|p| f.starts_with(p))
        };
        before = match subject_of(&before) {
            Some((subj, verb))
                if !rest.starts_with(subj) && !cuts_condition(subj) && !own_subject && !pointer =>
            {
                let finite = super::nlp::tag(&rest)
                    .iter()
                    .any(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"));
                let subj = text::capitalise(subj);
                // (a group that ends in an auxiliary, "shall be", says
                // nothing without its complement)
                let bare_aux = verb.split_whitespace().last().is_some_and(|w| {
                    matches!(
                        fold(w).as_str(),
                        "be" | "been" | "have" | "has" | "is" | "are"
                    )
                });
                if finite || rest.contains(verb) || bare_aux {
                    format!("{subj} … {rest}")
                } else {
                    format!("{subj} {verb} … {rest}")
                }
            }
            _ => format!("… {rest}"),
        };
    }
    let left = MAX_FRONT_WORDS.saturating_sub(text::word_count(&before) + 1);
    if text::word_count(&after) > left {
        let mut cut = None;
        for (i, _) in after.match_indices([',', ';']) {
            if i > 0 && text::word_count(&after[..i]) <= left {
                cut = Some(i);
            }
        }
        after = match cut {
            Some(i) => format!("{} …", after[..i].trim_end()),
            None => {
                let w = words(&after);
                let end = w.get(left.saturating_sub(1)).map_or(after.len(), |x| x.end);
                format!("{} …", &after[..end])
            }
        };
    }
    (before, after)
}

/// The sentence with `[start, end)` replaced by the gap, trimmed and with a
/// leading pronoun resolved. `None` if the result would not stand alone.
pub fn gap_front(sentence: &str, start: usize, end: usize, prev: Option<&str>) -> Option<String> {
    // "The record shall be …" needs the sentence that introduced the record;
    // "Of this, £___ will be saved …" the one that said what "this" is
    if let Some(p) = prev.filter(|p| {
        anaphoric_definite(sentence, p)
            || pointer_opening(sentence)
            || late_pronoun_subject(sentence)
    }) {
        return with_prev(sentence, start, end, p);
    }
    // A leading "He"/"It"/"They" takes the previous sentence's subject
    // before the sentence is trimmed, so a long sentence cut in the middle
    // still says who acts ("Xerxes … leaving the rest to be defeated at
    // ___ (479 B.C.)").
    if starts_with_pronoun(sentence) {
        let pronoun_end = text::first_word(sentence).map_or(0, |w| w.end);
        if start >= pronoun_end {
            if let Some(resolved) = resolve(sentence, prev).filter(|r| r != sentence) {
                let shift = resolved.len() as isize - sentence.len() as isize;
                let (a, b) = (start as isize + shift, end as isize + shift);
                if a >= 0
                    && resolved.is_char_boundary(a as usize)
                    && resolved.is_char_boundary(b as usize)
                {
                    return gap_front(&resolved, a as usize, b as usize, None);
                }
            }
        }
    }
    // Keep only the ";"-clause holding the gap when it can stand alone.
    let clause_start = sentence[..start].rfind(';').map_or(0, |p| p + 1);
    let clause_end = sentence[end..]
        .find(';')
        .map_or(sentence.len(), |p| end + p);
    // The clause must stand alone: a finite verb of its own ("The great
    // and aggregate interests being referred to the national; …" has
    // none), and not the first half of a "the one …; the other …" pair.
    let clause = &sentence[clause_start..clause_end];
    let finite = super::nlp::tag(clause)
        .iter()
        .any(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"));
    let rest = fold(sentence[clause_end..].trim_start_matches([';', ' ']));
    let paired = ["the other", "the second", "secondly", "another"]
        .iter()
        .any(|p| rest.starts_with(p));
    if (clause_start, clause_end) != (0, sentence.len())
        && text::word_count(clause) >= 6
        && finite
        && !paired
    {
        if let Some(f) = gap_front_in(sentence, clause_start, clause_end, start, end, prev) {
            return Some(f);
        }
    }
    gap_front_in(sentence, 0, sentence.len(), start, end, prev)
        .or_else(|| gap_front_after_prev(sentence, start, end, prev))
}

fn gap_front_in(
    sentence: &str,
    lo: usize,
    hi: usize,
    start: usize,
    end: usize,
    prev: Option<&str>,
) -> Option<String> {
    let (before, after) = trim_around(&sentence[lo..start], &sentence[end..hi]);
    let after = if hi < sentence.len() && !after.trim_end().ends_with('\u{2026}') {
        format!("{}.", after.trim_end())
    } else {
        after
    };
    let front = text::squash(&format!("{before}{GAP}{after}"));
    let front = if front.starts_with(GAP) {
        front
    } else {
        resolve(&front, prev)?
    };
    Some(text::capitalise(&front))
}

/// Longest question that shows the previous sentence, in words.
pub const MAX_WITH_PREV_WORDS: usize = 48;

/// For a sentence that opens with a pointer ("This is known as a double
/// free error.", "It took until 1895 for …"): the previous sentence, shown
/// whole before the gapped sentence, gives the pointer its antecedent.
/// `None` when the sentence needs no help, or the previous sentence leans
/// on another one itself, is a heading or question, or the two are too
/// long together.
pub fn gap_front_after_prev(
    sentence: &str,
    start: usize,
    end: usize,
    prev: Option<&str>,
) -> Option<String> {
    if !starts_with_pronoun(sentence) || sentence[..start].trim().is_empty() {
        return None;
    }
    with_prev(sentence, start, end, prev?)
}

/// "The record shall be available …" after "The employer shall … retain
/// this record …": a subject of "the" and one lower-case noun that the
/// sentence before introduced, not as its own subject, points back to it.
/// ("The employer shall …" after "The employer shall …" goes on with the
/// same actor and needs nothing.)
pub fn anaphoric_definite(sentence: &str, prev: &str) -> bool {
    let w = words(sentence);
    if w.len() < 4 || fold(w[0].text) != "the" || !w[1].text.starts_with(char::is_lowercase) {
        return false;
    }
    let toks = super::nlp::tag(&sentence[..w[2].end]);
    if !toks
        .last()
        .is_some_and(|t| matches!(t.tag.name(), "MD" | "VBZ" | "VBP" | "VBD"))
    {
        return false;
    }
    let stem = fold(w[1].text);
    let stem = stem.trim_end_matches('s');
    // introduced there as a head noun after an article or "this" ("retain
    // this record for …"), not as a modifier ("government services")
    let pw = words(prev);
    pw.iter().enumerate().any(|(p, x)| {
        p >= 3
            && fold(x.text).trim_end_matches('s') == stem
            && matches!(
                fold(pw[p - 1].text).as_str(),
                "this" | "that" | "a" | "an" | "the" | "such"
            )
            && pw
                .get(p + 1)
                .is_none_or(|n| is_stop(n.text) || prev[x.end..n.start].contains([',', ';']))
    })
}

/// A short opening phrase that points at the sentence before ("Of this,",
/// "In these cases,", "For that reason,").
pub fn pointer_opening(sentence: &str) -> bool {
    // a conclusion drawn from the sentence before ("Therefore, any
    // automatic copying …", "The reason is that …")
    let lead: Vec<String> = sentence.split_whitespace().take(3).map(fold).collect();
    let lead: Vec<&str> = lead
        .iter()
        .map(|w| w.trim_end_matches([',', ':']))
        .collect();
    if matches!(
        lead.first(),
        Some(&("therefore" | "hence" | "consequently" | "however" | "yet" | "thus"))
    ) || lead.starts_with(&["the", "reason", "is"])
        || lead.starts_with(&["this", "means"])
    {
        return true;
    }
    // "The Master said, 'The difficulty is with the countenance.'": a
    // generic subject answers what the sentence before asked
    let said = text::speaker_and_rest(sentence)
        .1
        .trim_start_matches(['\'', '"', '\u{2018}', '\u{201c}']);
    let opening: Vec<String> = said.split_whitespace().take(3).map(fold).collect();
    if opening.len() == 3
        && opening[0] == "the"
        && matches!(
            opening[1].as_str(),
            "difficulty" | "problem" | "answer" | "secret" | "trouble" | "key"
        )
        && matches!(opening[2].as_str(), "is" | "was" | "lies")
    {
        return true;
    }
    // "Few came up even to 50,000.": a quantity of what the sentence
    // before names
    let w = words(sentence);
    let quantity = w.first().is_some_and(|x| {
        matches!(
            fold(x.text).as_str(),
            "few" | "many" | "most" | "none" | "several"
        )
    });
    let verb_next = w
        .get(1)
        .and_then(|x| super::nlp::lexicon_tag(&fold(x.text)))
        .is_some_and(|t| t.is_verb());
    if quantity && verb_next {
        return true;
    }
    let Some((head, _)) = sentence.split_once(',') else {
        return false;
    };
    let w: Vec<String> = head.split_whitespace().map(fold).collect();
    (2..=4).contains(&w.len())
        && matches!(
            w[0].as_str(),
            "of" | "in" | "for" | "from" | "by" | "with" | "after" | "besides" | "despite"
        )
        && matches!(w[1].as_str(), "this" | "these" | "that" | "those")
}

/// "With the Phoenician fleet at his disposal he was able to …": the
/// subject of the first finite verb is a pronoun after an opening phrase,
/// so the sentence before must say who acts.
pub fn late_pronoun_subject(sentence: &str) -> bool {
    let toks = super::nlp::tag(sentence);
    let Some(v) = toks
        .iter()
        .position(|t| matches!(t.tag.name(), "VBZ" | "VBP" | "VBD" | "MD"))
    else {
        return false;
    };
    if v < 3 || !matches!(fold(toks[v - 1].text).as_str(), "he" | "she" | "they") {
        return false;
    }
    // (a name before it, not a modifier like "Phoenician fleet", is its
    // antecedent)
    let name_before = (0..v - 1).any(|k| {
        toks[k].tag.is_proper()
            && !toks
                .get(k + 1)
                .is_some_and(|n| n.tag.is_noun() && !n.tag.is_proper())
    });
    !name_before
}

/// The previous sentence shown whole before the gapped one, or `None`
/// when it leans on another one itself, is no statement, or the two are
/// too long together.
fn with_prev(sentence: &str, start: usize, end: usize, prev: &str) -> Option<String> {
    let gapped = format!("{}{GAP}{}", &sentence[..start], &sentence[end..]);
    with_prev_gapped(&gapped, &[&sentence[start..end]], prev)
}

/// A sentence already gapped (one gap or several), shown after the
/// sentence before it, which must stand alone and hold none of the
/// answers. `None` when the two are too long together.
pub fn with_prev_gapped(gapped: &str, answers: &[&str], prev: &str) -> Option<String> {
    let prev = prev.trim();
    if starts_with_pronoun(prev)
        || !prev.ends_with(['.', '!', ')'])
        || text::word_count(prev) < 5
        || text::word_count(prev) + text::word_count(gapped) > MAX_WITH_PREV_WORDS
    {
        return None;
    }
    // the answer must not be in the sentence shown before it
    if answers.iter().any(|a| fold(prev).contains(&fold(a))) {
        return None;
    }
    Some(text::squash(&format!("{prev} {gapped}")))
}

/// Whether a card's question shows the sentence before its own (made by
/// [`gap_front_after_prev`]): its source sentence opens after the start
/// of the question.
pub fn shows_prev(body: &str, context: &str) -> bool {
    let opening: Vec<&str> = context.split_whitespace().take(3).collect();
    if opening.len() < 3 || opening.iter().any(|w| w.contains("___")) {
        return false;
    }
    let opening = opening.join(" ");
    body.find(&opening)
        .is_some_and(|i| i > 0 && body[..i].trim_end().ends_with(['.', '!', ')']))
}

/// Puts a section name before a question: "Article 3: Everyone …".
pub fn with_prefix(prefix: Option<&str>, front: &str) -> String {
    match prefix {
        Some(p) if !front.starts_with(p) => format!("{p}: {front}"),
        _ => front.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_it_from_the_previous_subject() {
        let f = resolve(
            "It shall promote understanding.",
            Some("Education shall be directed to growth."),
        )
        .unwrap();
        assert_eq!(f, "Education shall promote understanding.");
    }

    #[test]
    fn a_long_sentence_keeps_its_resolved_subject_when_trimmed() {
        let s = "He retreated to Asia with one half of his army, leaving the rest to be defeated at Platea (479 B.C.) what time the remnants of the Persian fleet were hunted down by the Greeks and destroyed at Mycale in Asia Minor, far from any home port or any friendly shore.";
        let a = s.find("Platea").unwrap();
        let f = gap_front(
            s,
            a,
            a + "Platea".len(),
            Some("Xerxes found himself cut off from supplies."),
        )
        .unwrap();
        assert!(f.starts_with("Xerxes"), "{f}");
        assert!(f.contains("defeated at ___"), "{f}");
    }

    #[test]
    fn a_definite_subject_the_sentence_before_introduced_shows_it() {
        let prev = "The employer shall record the annual maintenance date and retain this record for one year.";
        let s = "The record shall be available to the Assistant Secretary upon request.";
        let a = s.find("Assistant Secretary").unwrap();
        let f = gap_front(s, a, a + "Assistant Secretary".len(), Some(prev)).unwrap();
        assert!(f.starts_with("The employer shall record"), "{f}");
        assert!(
            f.ends_with("The record shall be available to the ___ upon request."),
            "{f}"
        );
        // a modifier there introduces nothing
        assert!(!anaphoric_definite(
            "The government provides more than 650 services.",
            "Most people rarely use online government services."
        ));
        // the same actor going on needs nothing
        assert!(!anaphoric_definite(
            "The employer shall assure that extinguishers are tested.",
            "The employer shall record the date."
        ));
        // too long together: no card rather than a vague one
        let long = format!("{} {}", prev, "It shall also keep every other note of every other test it made in the last twenty years of its long and useful working life.");
        assert!(gap_front(s, a, a + "Assistant Secretary".len(), Some(&long)).is_none());
    }

    #[test]
    fn a_trimmed_question_keeps_its_subject_and_verb() {
        let s = "In all criminal prosecutions, the accused shall enjoy the right to a speedy and public trial, by an impartial jury of the State and district wherein the crime shall have been committed, which district shall have been previously ascertained by law, and to be informed of the nature and cause of the accusation; to be confronted with the witnesses against him; to have compulsory process for obtaining witnesses in his favor, and to have the Assistance of Counsel for his defence.";
        let a = s.find("Assistance of Counsel").unwrap();
        let f = gap_front(s, a, a + "Assistance of Counsel".len(), None).unwrap();
        assert!(f.starts_with("The accused shall enjoy \u{2026} "), "{f}");
        assert!(f.ends_with("to have the ___ for his defence."), "{f}");
    }

    #[test]
    fn a_long_sentence_is_cut_at_a_clause_that_stands_alone() {
        // a coordinated clause with its own subject and verb opens the
        // question, without its "and"
        let s = "The right of the people to be secure in their persons, houses, papers, and effects, against unreasonable searches and seizures, shall not be violated, and no Warrants shall issue, but upon probable cause, supported by Oath or affirmation.";
        let a = s.find("Oath").unwrap();
        let f = gap_front(s, a, a + "Oath".len(), None).unwrap();
        assert_eq!(
            f,
            "No Warrants shall issue, but upon probable cause, supported by ___ or affirmation."
        );
        // a subject with a relative clause keeps its head and modal
        let s = "A Member of the United Nations which is in arrears in the payment of its financial contributions to the Organization shall have no vote in the General Assembly if the amount of its arrears equals or exceeds the amount of the contributions due from it for the preceding two full years.";
        let a = s.find("preceding").unwrap();
        let f = gap_front(s, a, a + "preceding two full years".len(), None).unwrap();
        assert!(
            f.starts_with("A Member of the United Nations \u{2026} shall have no vote"),
            "{f}"
        );
    }

    #[test]
    fn the_texts_own_part_is_a_subject_and_keeps_its_adjective() {
        let s = "This article shall be inoperative in every one of the several States of the Union that took no part in the long debate, as provided in the Constitution, within seven years from the date of the submission hereof to the States by the Congress.";
        let a = s.find("seven years").unwrap();
        let f = gap_front(s, a, a + "seven years".len(), None).unwrap();
        assert!(
            f.starts_with("This article shall be inoperative \u{2026} "),
            "{f}"
        );
        assert!(f.contains("within ___ from the date"), "{f}");
        // a condition is never cut out between the subject and the gap
        let s = "This article shall be inoperative unless it shall have been ratified as an amendment to the Constitution by the legislatures of the several States, as provided in the Constitution, within seven years from the date of the submission hereof to the States by the Congress.";
        let a = s.find("seven years").unwrap();
        let f = gap_front(s, a, a + "seven years".len(), None).unwrap_or_default();
        assert!(
            !f.starts_with("This article shall be inoperative \u{2026}"),
            "{f}"
        );
    }

    #[test]
    fn a_subject_is_not_kept_across_a_clause_it_does_not_govern() {
        // the kept clause has a subject of its own
        let s = "Portable fire extinguishers for Class D hazards are required in those combustible metal working areas where combustible metal powders, flakes, shavings, or similarly sized products are generated at least once every two weeks.";
        let a = s.find("two weeks").unwrap();
        let f = gap_front(s, a, a + "two weeks".len(), None).unwrap_or_default();
        assert!(
            !f.starts_with("Portable fire extinguishers for Class D hazards \u{2026}"),
            "{f}"
        );
        // a coordinated clause keeps the subject
        let s = "Observations made during eclipses show that the chromosphere is about 2000 to 3000 kilometers thick, and its spectrum consists of bright emission lines, indicating that this layer is composed of hot gases emitting light at discrete wavelengths.";
        let a = s.find("hot gases").unwrap();
        let f = gap_front(s, a, a + "hot gases".len(), None).unwrap_or_default();
        assert!(
            f.starts_with("Observations made during eclipses \u{2026} and its spectrum"),
            "{f}"
        );
    }

    #[test]
    fn a_pronoun_subject_after_an_opening_phrase_shows_the_sentence_before() {
        let prev = "Darius resolved upon the subjugation of the Greeks in Europe.";
        let s = "With the Phoenician fleet at his disposal he was able to subdue one island after another, and finally in 490 B.C. he made his main attack upon Athens.";
        assert!(late_pronoun_subject(s));
        let a = s.find("490 B.C.").unwrap();
        let f = gap_front(s, a, a + "490 B.C.".len(), Some(prev)).unwrap();
        assert!(f.starts_with(prev), "{f}");
        // a name before the pronoun is its antecedent; a verb first is no case
        assert!(!late_pronoun_subject(
            "When Darius reached the river at last he built a bridge of boats."
        ));
        assert!(!late_pronoun_subject("Is it?"));
        assert!(!late_pronoun_subject(""));
    }

    #[test]
    fn a_pointer_opening_shows_the_sentence_before() {
        let prev =
            "Moving services to digital channels will save between £1.7 and £1.8 billion a year.";
        let s = "Of this, £1.1 to £1.3 billion will be saved directly by the government.";
        let a = s.find("1.1").unwrap();
        let f = gap_front(s, a, a + "1.1 to £1.3 billion".len(), Some(prev)).unwrap();
        assert!(f.starts_with("Moving services"), "{f}");
        assert!(f.contains("Of this, £___ will be saved"), "{f}");
        assert!(!pointer_opening(
            "Of all the planets, Jupiter is the largest."
        ));
        assert!(pointer_opening(
            "Therefore, any automatic copying can be assumed to be inexpensive."
        ));
        assert!(pointer_opening(
            "The reason is that types such as integers have a known size."
        ));
        assert!(pointer_opening("Few came up even to 50,000."));
        assert!(pointer_opening(
            "The Master said, 'The difficulty is with the countenance."
        ));
        assert!(!pointer_opening("Few cities of Greece came up to 50,000."));
        assert!(pointer_opening(
            "However the name mangling algorithm is well documented."
        ));
        assert!(!pointer_opening("The reasons for war are many."));
    }

    #[test]
    fn unresolvable_pronoun_gives_none() {
        assert!(resolve(
            "This is an important part.",
            Some("Since 2012 much has happened.")
        )
        .is_none());
        assert!(resolve("It is good.", None).is_none());
        // "as we have told" is no subject to put in place of "They"
        assert!(resolve(
            "They had come down among the islands.",
            Some("The Greek tribes as we have told were a branch of the stem.")
        )
        .is_none());
    }

    #[test]
    fn a_cleft_it_needs_no_antecedent() {
        let f = "It was on account of the Scythians that Darius invaded Europe.";
        assert!(is_cleft(f));
        assert!(!starts_with_pronoun(f));
        assert_eq!(
            resolve(f, Some("The Greeks were rivals.")).as_deref(),
            Some(f)
        );
        // the gapped question is still a cleft
        let gapped = "It was on ___ that Darius invaded Europe.";
        assert_eq!(
            resolve(gapped, Some("The Greeks were rivals.")).as_deref(),
            Some(gapped)
        );
        assert!(!is_cleft("It is clear that the plan failed."));
        assert!(!is_cleft("It was a plan that failed twice."));
    }

    #[test]
    fn a_pointer_sentence_is_shown_after_its_antecedent() {
        let s = "This is known as a double free error.";
        let a = s.find("double").unwrap();
        let prev = "When s2 and s1 go out of scope, they will both try to free the same memory.";
        let f = gap_front_after_prev(s, a, s.len() - 1, Some(prev)).unwrap();
        assert_eq!(f, format!("{prev} This is known as a {GAP}."));
        // a sentence that stands alone needs no help
        let plain = "Memory is freed at the closing bracket.";
        assert!(gap_front_after_prev(plain, 0, 6, Some(prev)).is_none());
        // nor does a previous sentence that leans on another one help
        assert!(gap_front_after_prev(s, a, s.len() - 1, Some("It is freed twice.")).is_none());
        assert!(gap_front_after_prev(s, a, s.len() - 1, None).is_none());
    }

    #[test]
    fn a_semicolon_clause_is_kept_alone_only_when_it_stands_alone() {
        let s = "There are two methods of curing the mischiefs of faction: the one, by removing its causes; the other, by controlling its effects.";
        let a = s.find("mischiefs").unwrap();
        let f = gap_front(s, a, a + "mischiefs of faction".len(), None).unwrap();
        assert!(f.contains("the other"), "{f}");
        let s = "The great interests are referred to the national legislature; the local and particular to the State legislatures.";
        let a = s.find("State legislatures").unwrap();
        let f = gap_front(s, a, a + "State legislatures".len(), None).unwrap();
        assert!(f.starts_with("The great interests"), "{f}");
        let s = "The Council meets every year in a public session; the Assembly elects its president for a single term of office.";
        let a = s.find("president").unwrap();
        let f = gap_front(s, a, a + "president".len(), None).unwrap();
        assert!(f.starts_with("The Assembly elects"), "{f}");
    }

    #[test]
    fn long_sentences_are_trimmed_to_the_limit() {
        let s = "One two three four five six seven eight nine ten, eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty, twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty, key words here";
        let f = gap_front(s, s.len() - 9, s.len() - 5, None).unwrap();
        assert!(text::word_count(&f) <= MAX_FRONT_WORDS, "{f}");
        assert!(f.contains(GAP));
    }
}
