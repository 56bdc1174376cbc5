//! Outline cards from the document's own structure: its parts (ordinal or
//! Markdown headings) and the numbered points under a heading or paragraph.

use super::candidate::{prior, Candidate};
use super::document::{ordinal_start, BlockKind, Doc};
use super::lists::count_phrase;
use super::text::{self, fold, is_stop, is_verb, words, NUMBER_WORDS, TRAILING_CUTS};
use crate::model::CardKind;

/// Words a shortened heading or point keeps at most.
const MAX_LEAD_WORDS: usize = 6;

fn number_word(n: usize) -> String {
    NUMBER_WORDS
        .iter()
        .find(|(_, v)| *v == n)
        .map_or(n.to_string(), |(w, _)| (*w).to_string())
}

/// Shortens a heading: drops the ordinal ("First,"), cuts at the first
/// clause boundary or trailing phrase, at most six words.
pub fn shorten_heading(h: &str) -> String {
    let mut t = h.trim().trim_end_matches(['.', ':']).to_string();
    if ordinal_start(&t).is_some() {
        if let Some(p) = t.find(',') {
            t = t[p + 1..].trim().to_string();
        }
    }
    shorten(&t)
}

/// Longest bullet kept whole as a list item, in words.
pub const MAX_BULLET_WORDS: usize = 12;

/// Cuts a phrase to at most six words at a natural boundary.
pub fn shorten(t: &str) -> String {
    let t = t.split([',', ';', ':', '(']).next().unwrap_or(t).trim();
    let w = words(t);
    if w.len() <= MAX_LEAD_WORDS {
        return t.trim_end_matches(['.', '?', '!']).to_string();
    }
    // cut at a trailing phrase after at least three words
    let cut = w
        .iter()
        .enumerate()
        .skip(3)
        .find(|(_, x)| TRAILING_CUTS.contains(&fold(x.text).as_str()))
        .map_or(MAX_LEAD_WORDS, |(i, _)| i.min(MAX_LEAD_WORDS));
    // never end on a function word ("The General Assembly may consider the")
    let mut cut = cut;
    while cut > 2 && (is_stop(w[cut - 1].text) || is_verb(w[cut - 1].text)) {
        cut -= 1;
    }
    // nor on a modifier without its noun ("inherited and developed the
    // important diplomatic"): reach the noun a few words on, or stop before
    // the modifiers
    let tags = super::nlp::tag(t);
    let tag_of = |k: usize| tags.iter().find(|x| x.start == w[k].start).map(|x| x.tag);
    let modifier = |k: usize| tag_of(k).is_some_and(|g| g.is_adjective() || g.is_determiner());
    if modifier(cut - 1) {
        let noun = (cut..(cut + 3).min(w.len()))
            .find(|&k| tag_of(k).is_some_and(|g| g.is_noun()) && (cut..k).all(&modifier));
        match noun {
            Some(k) => cut = k + 1,
            None => {
                while cut > 2 && modifier(cut - 1) {
                    cut -= 1;
                }
            }
        }
    }
    t[w[0].start..w[cut - 1].end].to_string()
}

/// "Play 4: Build the service …" → "Play 4"; "Article 12. Privacy" →
/// "Article 12": a capitalised word and a number opening a heading.
pub fn numbered_label(title: &str) -> Option<String> {
    numbered_label_at(title).map(|(l, _)| l)
}

/// [`numbered_label`] and the byte offset where it ends in `title`.
fn numbered_label_at(title: &str) -> Option<(String, usize)> {
    let w = words(title);
    let (a, b) = (w.first()?, w.get(1)?);
    let numeric = |t: &str| {
        t.chars().all(|c| c.is_ascii_digit())
            || (t.len() <= 6 && t.chars().all(|c| "IVXLC".contains(c)))
    };
    (a.text.chars().next()?.is_uppercase()
        && a.text.chars().all(char::is_alphabetic)
        && numeric(b.text.trim_end_matches('.')))
    .then(|| {
        let label = title[a.start..b.end].trim_end_matches('.');
        // "AMENDMENT IV" reads as "Amendment IV"
        let label = if a.text.len() > 1 && a.text.chars().all(|c| c.is_uppercase()) {
            format!("{}{}", &a.text[..1], a.text[1..].to_lowercase()) + &title[a.end..b.end]
        } else {
            label.to_string()
        };
        (label.trim_end_matches('.').to_string(), b.end)
    })
}

/// Headings that name a numbered part and give it a title ("Play 4: Build
/// the service using agile and iterative practices"): "What is the title
/// of Play 4?" → the title.
pub fn titled_headings(doc: &Doc, out: &mut Vec<Candidate>) {
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.kind != BlockKind::Heading {
            continue;
        }
        let Some((label, end)) = numbered_label_at(&b.text) else {
            continue;
        };
        let rest = b.text[end..]
            .trim_start_matches(['.', ':', ' ', '\u{2014}', '-'])
            .trim()
            .trim_end_matches('.');
        let n = text::word_count(rest);
        if !(2..=10).contains(&n) {
            continue;
        }
        let front = match doc.title.as_deref() {
            Some(t) => format!("“{t}”: what is the title of {label}?"),
            None => format!("What is the title of {label}?"),
        };
        out.push(Candidate {
            kind: CardKind::Basic,
            front,
            back: rest.to_string(),
            items: vec![],
            ordered: false,
            block: i,
            sentence: 0,
            locator: label.clone(),
            context: b.text.clone(),
            score: prior::OUTLINE,
            origin: "heading-title",
        });
    }
}

/// Drops a leading "We should", "It is necessary to", "has" …: what is
/// left is the action itself.
fn drop_subject(t: &str) -> String {
    let w = words(t);
    let modal = |x: &str| {
        matches!(
            fold(x).as_str(),
            "should" | "must" | "will" | "shall" | "can" | "need" | "needs" | "has" | "have" | "to"
        )
    };
    if let Some(k) = w.iter().take(5).position(|x| modal(x.text)) {
        let mut k = k + 1;
        // "need to", "has to", "necessary to"
        while k < w.len() && matches!(fold(w[k].text).as_str(), "to" | "be" | "also" | "always") {
            k += 1;
        }
        if k < w.len() && w.len() - k >= 2 {
            return t[w[k].start..].to_string();
        }
    }
    t.to_string()
}

/// The short lead of a numbered point: a leading "Politically," phrase, the
/// text after the subject all points share, or a compressed question.
fn point_leads(texts: &[String]) -> Vec<String> {
    let firsts: Vec<String> = texts
        .iter()
        .map(|t| text::sentences(t).into_iter().next().unwrap_or_default())
        .collect();
    // leading phrase before a comma, in every point
    let leads: Vec<Option<String>> = firsts
        .iter()
        .map(|f| {
            let head = f.split(',').next()?;
            (f.contains(',') && (1..=4).contains(&text::word_count(head)))
                .then(|| head.trim().to_string())
        })
        .collect();
    if leads.iter().all(Option::is_some) {
        return leads.into_iter().flatten().collect();
    }
    // common word prefix
    let split: Vec<Vec<&str>> = firsts
        .iter()
        .map(|f| f.split_whitespace().collect())
        .collect();
    let mut common = 0;
    while split
        .iter()
        .all(|w| w.len() > common + 1 && fold(w[common]) == fold(split[0][common]))
    {
        common += 1;
    }
    firsts
        .iter()
        .zip(&split)
        .map(|(f, w)| {
            if f.trim_end().ends_with('?') {
                // a question: keep its content words
                let content: Vec<&str> = words(f)
                    .into_iter()
                    .map(|x| x.text)
                    .filter(|x| {
                        !is_stop(x)
                            && !is_verb(x)
                            && !matches!(
                                fold(x).as_str(),
                                "two" | "side" | "lie" | "greater" | "more" | "most"
                            )
                    })
                    .take(4)
                    .collect();
                content.join(" ")
            } else if common >= 2 {
                shorten(&drop_subject(&w[common..].join(" ")))
            } else {
                shorten(&drop_subject(f))
            }
        })
        .collect()
}

fn outline(
    front: String,
    items: Vec<String>,
    ordered: bool,
    block: usize,
    locator: String,
    context: String,
) -> Candidate {
    Candidate {
        kind: CardKind::Outline,
        front,
        back: String::new(),
        items,
        ordered,
        block,
        sentence: 0,
        locator,
        context,
        score: prior::OUTLINE,
        origin: "outline",
    }
}

/// Outline cards for the document.
/// "The Purposes of the United Nations are:" → "What are the Purposes of
/// the United Nations?"; "X include:" → "What does X include?".
fn colon_lead(text: &str) -> Option<String> {
    let t = text.trim().strip_suffix(':')?.trim();
    if text::word_count(t) > 15 || t.contains([';', '.']) {
        return None;
    }
    let w = words(t);
    let last = w.last()?;
    let subject = t[..last.start].trim().trim_end_matches(',');
    if subject.is_empty() || super::frame::starts_with_pronoun(subject) {
        return None;
    }
    let subject = {
        let mut c = subject.chars();
        match c.next() {
            Some(f) if f.is_uppercase() && w[0].text.chars().skip(1).all(|x| x.is_lowercase()) => {
                format!("{}{}", f.to_lowercase(), c.as_str())
            }
            _ => subject.to_string(),
        }
    };
    match fold(last.text).as_str() {
        "are" | "were" => Some(format!("What are {subject}?")),
        "is" | "was" => Some(format!("What is {subject}?")),
        "include" => Some(format!("What do {subject} include?")),
        "includes" => Some(format!("What does {subject} include?")),
        _ => None,
    }
}

/// The question a lead-in sentence ending in a colon asks of the list
/// under it: colon_lead's forms, and "here are X:" / "there are X:" →
/// "What are X?", "The following X are Y:" → "Which X are Y?",
/// "X include the following:" → "What do X include?".
fn lead_question(block_text: &str) -> Option<String> {
    let mut all = text::sentences(block_text);
    let last = all.pop()?;
    let t = last.trim();
    if !t.ends_with(':') {
        return None;
    }
    // "There are 7 departments which between them handle the majority of
    // central government transactions. These are:" asks the sentence
    // before: "What are the 7 departments which …?"
    if matches!(
        fold(t.trim_end_matches(':')).as_str(),
        "these are" | "they are" | "those are" | "these include" | "they include"
    ) {
        let before = all.pop()?;
        let rest = before
            .trim()
            .trim_end_matches('.')
            .strip_prefix("There are ")?;
        return (2..=14)
            .contains(&text::word_count(rest))
            .then(|| format!("What are the {rest}?"));
    }
    let body = t.trim_end_matches(':').trim();
    let body = body
        .strip_suffix(" the following")
        .or_else(|| body.strip_suffix(" as follows"))
        .unwrap_or(body);
    if let Some(q) = colon_lead(&format!("{body}:")) {
        return Some(q);
    }
    let f = fold(body);
    // "With this in mind, here are the Pythonic guidelines"
    let after_clause = f.rsplit(", ").next().unwrap_or(&f);
    for opener in ["here are ", "there are "] {
        if let Some(rest) = after_clause.strip_prefix(opener) {
            let rest = rest.trim_end_matches(" here").trim();
            let n = text::word_count(rest);
            let start = body.len()
                - rest.len()
                - (after_clause.len() - after_clause.trim_end_matches(" here").len());
            let original = body.get(start..start + rest.len()).unwrap_or(rest);
            return (2..=10)
                .contains(&n)
                .then(|| format!("What are {original}?"));
        }
    }
    // "The following naming styles are commonly distinguished"
    if let Some(rest) = body.strip_prefix("The following ") {
        let w = words(rest);
        let v = w
            .iter()
            .position(|x| matches!(fold(x.text).as_str(), "are" | "is"))?;
        if v == 0 || v > 4 || w.len() - v > 6 {
            return None;
        }
        return Some(format!("Which {}?", rest.trim()));
    }
    None
}

/// Outline cards: the document's parts, and runs of numbered points.
/// `prefixes` names each section as questions refer to it ("Play 4").
pub fn extract(doc: &Doc, prefixes: &[Option<String>], out: &mut Vec<Candidate>) {
    let title = doc
        .title
        .as_deref()
        .map(|t| t.split('(').next().unwrap_or(t).trim().to_string());
    // The parts of the document.
    let heads: Vec<(usize, &str)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Heading)
        .map(|(i, b)| (i, b.text.as_str()))
        .filter(|(_, t)| text::word_count(t) >= 3)
        .collect();
    let ordinal = doc.sections.iter().filter(|s| s.ordinal).count();
    // the parts are every heading of one level: when short headings were
    // left out ("Description", "Processes"), the rest mixes levels and is
    // no outline of the text
    let all_heads = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .count();
    let whole = ordinal >= 2 || heads.len() == all_heads;
    if whole && (2..=12).contains(&heads.len()) && (ordinal >= 2 || heads.len() <= 7) {
        let items: Vec<String> = heads.iter().map(|(_, t)| shorten_heading(t)).collect();
        let n = items.len();
        let front = match &title {
            Some(t) => format!("What are the {} parts of “{t}”, in order?", number_word(n)),
            None => format!(
                "What are the {} parts of the text, in order?",
                number_word(n)
            ),
        };
        out.push(outline(
            front,
            items,
            true,
            heads[0].0,
            "structure".into(),
            String::new(),
        ));
    }
    // Runs of numbered points under one section or paragraph.
    let mut i = 0;
    while i < doc.blocks.len() {
        let b = &doc.blocks[i];
        if !matches!(b.kind, BlockKind::Point | BlockKind::Bullet) {
            i += 1;
            continue;
        }
        // a Markdown bullet list is a set, a numbered one a sequence
        let ordered = b.kind == BlockKind::Point;
        let mut j = i + 1;
        while j < doc.blocks.len()
            && doc.blocks[j].kind == b.kind
            && doc.blocks[j].section == b.section
            && doc.blocks[j].parent_label == b.parent_label
            && doc.blocks[j]
                .label
                .as_deref()
                .is_some_and(|l| l.starts_with('('))
                == b.label.as_deref().is_some_and(|l| l.starts_with('('))
        {
            j += 1;
        }
        let run = &doc.blocks[i..j];
        let n = run.len();
        if (2..=7).contains(&n) {
            let texts: Vec<String> = run.iter().map(|p| p.text.clone()).collect();
            let mut items = point_leads(&texts);
            // a point that is one short sentence is its own item ("There can
            // only be one owner at a time", "A product owner has been
            // identified"): cutting it leaves a fragment
            // (not when every point opens with its own lead: "Politically, …")
            let comma_leads = items.iter().zip(&texts).all(|(item, t)| {
                t.split(',')
                    .next()
                    .is_some_and(|h| h.trim() == item.as_str())
            });
            if !comma_leads {
                for (item, t) in items.iter_mut().zip(&texts) {
                    let first = text::sentences(t).into_iter().next().unwrap_or_default();
                    let first = first.trim().trim_end_matches(['.', ':', ';']);
                    // "Department for Business, Innovation and Skills
                    // (BIS)": a short form in brackets at the end goes
                    let first = match first.rsplit_once(" (") {
                        Some((name, short))
                            if short.ends_with(')') && short.len() <= 8 && !short.contains(' ') =>
                        {
                            name
                        }
                        _ => first,
                    };
                    if (2..=MAX_BULLET_WORDS).contains(&text::word_count(first))
                        && !first.ends_with('?')
                        // "To keep the peace": the lead already drops "To"
                        && !first.starts_with("To ")
                        && !t.trim_end().ends_with('?')
                        && !first.contains('(')
                        && !fold(first).contains("such as")
                    {
                        *item = first.to_string();
                    }
                }
            }
            // a counted phrase naming the points, just before or after the run
            let near: Vec<&str> = [i.checked_sub(1), Some(j)]
                .into_iter()
                .flatten()
                .filter_map(|k| doc.blocks.get(k))
                .flat_map(|blk| blk.sentences.iter().map(String::as_str))
                .collect();
            let named = near
                .iter()
                .find_map(|s| count_phrase(s, n).map(|p| (p, *s)));
            // "The Purposes of the United Nations are:" just before the run
            let lead_in = i
                .checked_sub(1)
                .and_then(|k| doc.blocks.get(k))
                .filter(|blk| {
                    !matches!(blk.kind, BlockKind::Point | BlockKind::Bullet)
                        && blk.section == b.section
                })
                .and_then(|blk| {
                    if ordered {
                        colon_lead(&blk.text)
                    } else {
                        lead_question(&blk.text)
                    }
                });
            // "Ownership Rules" … "…the examples that illustrate them:" and
            // three bullets: "What are the three ownership rules?"
            let section = &doc.sections[b.section];
            let lead_in = lead_in.or_else(|| {
                let before = doc.blocks.get(i.checked_sub(1)?)?;
                let title = section.title.trim().trim_end_matches(['.', ':']);
                let plural = title
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss"));
                (!ordered
                    && before.text.trim_end().ends_with(':')
                    && plural
                    && !title.contains(':')
                    && (1..=4).contains(&text::word_count(title)))
                .then(|| format!("What are the {} {}?", number_word(n), title.to_lowercase()))
            });
            // "By the end of this section, you will be able to:" lists a
            // textbook's learning objectives, no facts of the text
            let objectives = i
                .checked_sub(1)
                .and_then(|k| doc.blocks.get(k))
                .is_some_and(|blk| {
                    let f = fold(&blk.text);
                    f.contains("you will be able to") || f.contains("you should be able to")
                });
            // a bullet list is asked only from its lead-in
            if objectives || !ordered && lead_in.is_none() {
                i = j;
                continue;
            }
            let front = match (&named, &b.parent_label) {
                _ if (named.is_none() || !ordered) && lead_in.is_some() => {
                    let q = lead_in.clone().unwrap_or_default();
                    match prefixes.get(b.section).cloned().flatten() {
                        Some(p) if !q.contains(&p) => format!("{p}: {q}"),
                        _ => q,
                    }
                }
                (Some((phrase, _)), _) => {
                    let noun = phrase
                        .split_whitespace()
                        .skip(1)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let place = if section.title.is_empty() {
                        String::new()
                    } else {
                        format!(" of part {}", section.label)
                    };
                    format!(
                        "Name the {} {noun}{place} ({}).",
                        number_word(n),
                        b.locator
                            .rsplit_once('.')
                            .map_or(b.locator.as_str(), |x| x.0)
                    )
                }
                (None, Some(parent)) => format!(
                    "What are the {} points listed under paragraph {parent}?",
                    number_word(n)
                ),
                (None, None) if prefixes.get(b.section).is_some_and(Option::is_some) => {
                    format!(
                        "What are the {} points of {}?",
                        number_word(n),
                        prefixes[b.section].clone().unwrap_or_default()
                    )
                }
                (None, None) if !section.title.is_empty() => {
                    format!(
                        "What are the {} points of part {} (“{}”)?",
                        number_word(n),
                        section.label,
                        shorten_heading(&section.title)
                    )
                }
                _ => {
                    i = j;
                    continue;
                }
            };
            // points cut from long paragraphs ("The Secretary-General",
            // "submit annual and") are fragments, not points to recall
            let cut = !comma_leads
                && items.iter().zip(&texts).any(|(item, t)| {
                    let first = text::sentences(t).into_iter().next().unwrap_or_default();
                    let first = first.trim().trim_end_matches(['.', ':', ';']);
                    if first.ends_with('?') || item.as_str() == first {
                        return false;
                    }
                    // a fragment: too short to say anything, or not ending on
                    // its noun ("The Organization is based", "ensure to")
                    let toks = super::nlp::tag(item);
                    // or only the sentence's subject ("Decisions of the
                    // Security Council" | shall be made …)
                    let subject_only = first.starts_with(item.as_str()) && {
                        let rest = super::nlp::tag(&first[item.len()..]);
                        rest.first()
                            .is_some_and(|x| x.tag.is_verb() || x.tag.name() == "MD")
                    };
                    text::word_count(item) <= 2
                        || subject_only
                        || toks.last().is_none_or(|x| !x.tag.is_noun())
                })
                || (1..items.len()).any(|k| items[..k].contains(&items[k]));
            // "What are the three points of Article 23?" names no kind of
            // point: only whole first sentences are fair to recall
            // ("The non-permanent members" is a cut sentence)
            let generic = lead_in.is_none() && named.is_none();
            let shortened = !comma_leads
                && items.iter().zip(&texts).any(|(item, t)| {
                    let first = text::sentences(t).into_iter().next().unwrap_or_default();
                    let first = first.trim().trim_end_matches(['.', ':', ';']);
                    item.as_str() != first
                });
            // "Tuples, if they only contain types that also implement Copy":
            // a point cut before its condition says something false
            // (the whole point is kept instead when it is short enough)
            let mut condition_lost = false;
            for (item, t) in items.iter_mut().zip(&texts) {
                let rest = t.trim_start().strip_prefix(item.as_str()).unwrap_or("");
                let rest = fold(rest.trim_start_matches([',', ' ', '(']));
                let conditional = [
                    "if ",
                    "unless ",
                    "only ",
                    "except ",
                    "provided ",
                    "as long as ",
                    "when ",
                ]
                .iter()
                .any(|c| rest.starts_with(c));
                if conditional {
                    let first = text::sentences(t).into_iter().next().unwrap_or_default();
                    let whole = first.trim().trim_end_matches(['.', ';', ':']);
                    if text::word_count(whole) <= MAX_BULLET_WORDS {
                        *item = whole.to_string();
                    } else {
                        condition_lost = true;
                    }
                }
            }
            // (a lead-in or a counted phrase asks for short points on purpose:
            // "What are the Purposes of the United Nations?")
            if (cut || shortened) && generic || condition_lost {
                i = j;
                continue;
            }
            let items: Vec<String> = items.into_iter().filter(|x| !x.is_empty()).collect();
            if items.len() == n {
                let context = named.map(|(_, s)| s.to_string()).unwrap_or_default();
                out.push(outline(
                    front,
                    items,
                    ordered,
                    i,
                    b.locator.clone(),
                    context,
                ));
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline cards made from a text.
    fn outline_cards(text: &str) -> Vec<Candidate> {
        let doc = super::super::document::parse(text);
        let mut out = Vec::new();
        extract(&doc, &vec![None; doc.sections.len()], &mut out);
        out
    }

    #[test]
    fn a_shortened_point_ends_on_its_noun() {
        assert_eq!(
            shorten("It inherited and developed the important diplomatic thoughts of the older generation"),
            "It inherited and developed the important diplomatic thoughts"
        );
    }

    #[test]
    fn headings_are_shortened() {
        assert_eq!(
            shorten_heading(
                "First, accurately grasp the background of the idea of building a community."
            ),
            "accurately grasp the background"
        );
        assert_eq!(
            shorten_heading("Second, fully understand the rich connotation"),
            "fully understand the rich connotation"
        );
    }

    #[test]
    fn point_leads_use_a_shared_lead_phrase() {
        let t = vec![
            "Politically, we should respect each other.".to_string(),
            "In terms of security, we should talk.".to_string(),
            "Economically, we should trade.".to_string(),
        ];
        assert_eq!(
            point_leads(&t),
            vec!["Politically", "In terms of security", "Economically"]
        );
    }

    #[test]
    fn headings_of_mixed_levels_are_no_outline() {
        // "Processes" and "Residence times" are left out by the three-word
        // rule, so the rest would be an outline with holes
        let out = outline_cards(
            "Water cycle\n\nDescription\n\nText here.\n\nProcesses\n\nMore text.\n\n\
             Changes over time\n\nText.\n\nEffects on the climate\n\nText.\n",
        );
        assert!(
            !out.iter().any(|c| c.front.contains("parts of")),
            "{:?}",
            out.iter().map(|c| &c.front).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_point_cut_before_its_condition_is_not_asked() {
        let out = outline_cards(
            "Copy\n\nHere are some of the types that implement Copy:\n\n\
             - All the integer types, such as u32.\n\n\
             - The Boolean type, bool, with values true and false.\n\n\
             - Tuples, if they only contain types that also implement Copy.\n",
        );
        assert!(
            !out.iter().any(|c| c.items.iter().any(|i| i == "Tuples")),
            "{:?}",
            out.iter().map(|c| &c.items).collect::<Vec<_>>()
        );
        // (short enough, the whole point is the item)
        assert!(
            out.iter().any(|c| c
                .items
                .iter()
                .any(|i| i == "Tuples, if they only contain types that also implement Copy")),
            "{:?}",
            out.iter().map(|c| &c.items).collect::<Vec<_>>()
        );
    }

    #[test]
    fn unnamed_points_are_asked_only_whole() {
        let doc = super::super::document::parse(
            "Charter\n\nArticle 23\n\n1. The Security Council shall consist of fifteen Members.\n\n\
             2. The non-permanent members of the Security Council shall be elected for a term of two years, and a retiring member shall not be eligible for immediate re-election.\n\n\
             3. Each member of the Security Council shall have one representative.\n",
        );
        let prefixes: Vec<Option<String>> = doc
            .sections
            .iter()
            .map(|s| (!s.label.is_empty()).then(|| s.label.clone()))
            .collect();
        let mut out = Vec::new();
        extract(&doc, &prefixes, &mut out);
        assert!(
            !out.iter().any(|c| c.front.contains("points of")),
            "{:?}",
            out.iter().map(|c| (&c.front, &c.items)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn outline_of_parts_and_points() {
        let out = outline_cards(
            "My Essay\n\nIntro.\n\nFirst, grasp the background of the idea.\n\nText.\n\n\
             Second, understand the rich connotation of it.\n\nWe act from three aspects.\n\n\
             (1) Politically, we talk.\n\n(2) Economically, we trade.\n\n(3) Culturally, we learn.\n",
        );
        assert_eq!(
            out[0].front,
            "What are the two parts of “My Essay”, in order?"
        );
        assert_eq!(
            out[0].items,
            vec![
                "grasp the background of the idea",
                "understand the rich connotation of it"
            ]
        );
        assert_eq!(
            out[1].items,
            vec!["Politically", "Economically", "Culturally"]
        );
        assert!(
            out[1].front.starts_with("Name the three aspects"),
            "{}",
            out[1].front
        );
    }

    #[test]
    fn numbered_points_are_asked_from_their_lead_in() {
        let out = outline_cards(
            "Charter\n\nArticle 1\n\nThe Purposes of the League are:\n\n\
             1. To keep the peace among members.\n\n2. To settle disputes by talks.\n\n\
             3. To share the costs fairly.\n",
        );
        let card = out
            .iter()
            .find(|c| c.items.len() == 3)
            .expect("an outline card");
        assert_eq!(card.front, "What are the Purposes of the League?");
        assert_eq!(card.items[0], "keep the peace among members");
    }

    #[test]
    fn short_lines_after_a_colon_are_a_list_asked_from_the_sentence_before() {
        let text = "Strategy\n\nDepartments\n\nThere are 3 departments which handle most transactions. These are:\n\n\
             HM Revenue & Customs (HMRC)\n\nDepartment for Business, Innovation and Skills (BIS)\n\n\
             Home Office\n\nEach of these departments will agree 3 transformations.\n";
        // the short lines are items, not headings
        let doc = super::super::document::parse(text);
        assert!(doc.sections.iter().all(|s| s.title != "Home Office"));
        let out = outline_cards(text);
        let card = out
            .iter()
            .find(|c| c.items.len() == 3)
            .expect("an outline card");
        assert_eq!(
            card.front,
            "What are the 3 departments which handle most transactions?"
        );
        assert_eq!(
            card.items,
            vec![
                "HM Revenue & Customs",
                "Department for Business, Innovation and Skills",
                "Home Office"
            ]
        );
    }

    #[test]
    fn learning_objectives_and_docstrings_make_no_cards() {
        let out = outline_cards(
            "The Sun\n\nLearning Objectives\n\nBy the end of this section, you will be able to:\n\n\
             Explain how the Sun differs from Earth\n\nDescribe the layers of the Sun\n\n\
             Explain what happens in the corona\n",
        );
        assert!(
            out.iter().all(|c| c.items.len() != 3),
            "{:?}",
            out.iter().map(|c| &c.front).collect::<Vec<_>>()
        );
        let doc = super::super::document::parse(
            "Docstrings\n\nThe closing quotes should be on a line by themselves:\n\n\"\"\"Return a foobang\n\nOptional plotz says to frobnicate the bizbaz first.\n\"\"\"\n\nThat is the rule.\n",
        );
        assert!(doc.blocks.iter().all(|b| !b.text.contains("plotz")));
    }

    #[test]
    fn numbered_headings_name_their_part() {
        assert_eq!(
            numbered_label("Play 4: Build the service"),
            Some("Play 4".into())
        );
        assert_eq!(
            numbered_label("Article XII. Privacy"),
            Some("Article XII".into())
        );
        assert_eq!(numbered_label("The service"), None);
        let doc = super::super::document::parse(
            "Playbook\n\nPlay 4: Build the service using agile practices\n\nWe iterate often and ship small changes.\n",
        );
        let mut out = Vec::new();
        titled_headings(&doc, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].front.ends_with("what is the title of Play 4?"),
            "{}",
            out[0].front
        );
        assert_eq!(out[0].back, "Build the service using agile practices");
    }
}
