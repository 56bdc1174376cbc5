//! Finding enumerations in a sentence: comma lists with a final "and"/"or",
//! semicolon lists, lists of pairs ("night and day, cold and heat, …"), and
//! inline numbered lists ("(1) A; (2) B; …"). Item boundaries come from
//! surface cues only: separators, cue words before the list, a small verb
//! lexicon, and the length of the other items.

use super::text::{
    self, fold, is_stop, is_verb, number_value, words, Word, LIST_CUES, TRAILING_CUTS,
};

/// Longest list item, in words.
pub const MAX_ITEM_WORDS: usize = 6;

/// An enumeration found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte span of the whole list in the sentence.
    pub start: usize,
    pub end: usize,
    /// Items as they should be recalled (cleaned).
    pub items: Vec<String>,
    /// Byte span of each item in the sentence.
    pub spans: Vec<(usize, usize)>,
    /// Items were numbered in the text.
    pub numbered: bool,
    /// Items are clauses a count before a colon delimits ("three points:
    /// whether …; whether …; whether …"): they need not be noun phrases.
    pub counted: bool,
}

impl Found {
    /// The list of `items` at `spans` (in text order, at least one).
    pub fn at_spans(items: Vec<String>, spans: Vec<(usize, usize)>, counted: bool) -> Found {
        Found {
            start: spans.first().map_or(0, |x| x.0),
            end: spans.last().map_or(0, |x| x.1),
            items,
            spans,
            numbered: false,
            counted,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

/// The comma chunks of a clause with their words, computed once.
struct Chunks<'a> {
    spans: Vec<Span>,
    words: Vec<Vec<Word<'a>>>,
    items: Vec<Option<Vec<Word<'a>>>>,
}

impl<'a> Chunks<'a> {
    fn new(s: &'a str, spans: Vec<Span>) -> Chunks<'a> {
        let words: Vec<Vec<Word<'a>>> = spans.iter().map(|sp| ws(s, *sp)).collect();
        let items = spans
            .iter()
            .zip(&words)
            .map(|(sp, w)| item_words(s, *sp, w))
            .collect();
        Chunks {
            spans,
            words,
            items,
        }
    }
}

fn ws<'a>(s: &'a str, sp: Span) -> Vec<Word<'a>> {
    words(&s[sp.start..sp.end])
        .into_iter()
        .map(|w| Word {
            text: w.text,
            start: w.start + sp.start,
            end: w.end + sp.start,
        })
        .collect()
}

/// Splits `s[sp]` at `sep`, trimming whitespace; empty parts dropped.
fn split(s: &str, sp: Span, sep: char) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = sp.start;
    let sub = &s[sp.start..sp.end];
    for (i, c) in sub.char_indices() {
        if c == sep {
            push_trimmed(s, start, sp.start + i, &mut out);
            start = sp.start + i + c.len_utf8();
        }
    }
    push_trimmed(s, start, sp.end, &mut out);
    out
}

fn push_trimmed(s: &str, a: usize, b: usize, out: &mut Vec<Span>) {
    let t = &s[a..b];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if a + lead < b - trail {
        out.push(Span {
            start: a + lead,
            end: b - trail,
        });
    }
}

fn is_conj(w: &str) -> bool {
    text::eq_fold(w, "and") || text::eq_fold(w, "or")
}

fn span_of(w: &[Word<'_>]) -> Option<(usize, usize)> {
    Some((w.first()?.start, w.last()?.end))
}

/// Cleans an item: drops a leading conjunction/article and trailing
/// punctuation; cuts a trailing catch-all "or other …".
fn clean(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '!', '?'])
        .trim()
        .to_string();
    for lead in [
        "and ", "or ", "the ", "a ", "an ", "And ", "Or ", "The ", "A ", "An ",
    ] {
        if let Some(rest) = t.strip_prefix(lead) {
            t = rest.to_string();
        }
    }
    if let Some(p) = fold(&t).find(" or other ") {
        if p > 0 {
            t.truncate(p);
        }
    }
    t.trim_matches(|c: char| c == '"' || c == '\u{201c}' || c == '\u{201d}')
        .trim()
        .to_string()
}

/// Drops a leading word (e.g. "to") that at least two items share.
fn strip_common_lead(items: &mut [String]) {
    let firsts: Vec<String> = items
        .iter()
        .map(|i| fold(i.split_whitespace().next().unwrap_or("")))
        .collect();
    for cand in firsts.iter() {
        if !is_stop(cand) || cand.is_empty() {
            continue;
        }
        if firsts.iter().filter(|f| *f == cand).count() >= 2 {
            for it in items.iter_mut() {
                let mut parts = it.splitn(2, ' ');
                let first = parts.next().unwrap_or("");
                if fold(first) == *cand {
                    if let Some(rest) = parts.next() {
                        *it = rest.to_string();
                    }
                }
            }
            return;
        }
    }
}

/// Determiners an item may start with ("his privacy, family, home").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these", "all",
    "any", "every", "each", "no", "both",
];

/// Common base-form verbs that head predicate phrases ("solve problems
/// through dialogue"): such items make a list of actions, not of things.
pub const BASE_VERBS: &[&str] = &[
    "abandon",
    "achieve",
    "adhere",
    "adopt",
    "advance",
    "aim",
    "apply",
    "avoid",
    "build",
    "carry",
    "choose",
    "combine",
    "commit",
    "consolidate",
    "continue",
    "contribute",
    "cope",
    "create",
    "deal",
    "deepen",
    "defend",
    "deliver",
    "eliminate",
    "encourage",
    "engage",
    "enhance",
    "establish",
    "expand",
    "explore",
    "follow",
    "foster",
    "grasp",
    "guarantee",
    "handle",
    "implement",
    "improve",
    "increase",
    "insist",
    "join",
    "keep",
    "maintain",
    "manage",
    "narrow",
    "oppose",
    "participate",
    "persist",
    "prevent",
    "protect",
    "pursue",
    "raise",
    "reach",
    "realize",
    "realise",
    "reduce",
    "reject",
    "remove",
    "resolve",
    "safeguard",
    "settle",
    "solve",
    "strengthen",
    "strive",
    "support",
    "take",
    "transcend",
    "uphold",
    "use",
    "win",
    "adapt",
    "respond",
    "draw",
    "seek",
    "learn",
    "coexist",
    "treat",
    "control",
    "help",
    "respect",
    "promote",
    "develop",
    "make",
    "give",
    "bring",
    "put",
];

fn predicate_like(item: &str) -> bool {
    let w = words(item);
    if w.len() < 2 {
        return false;
    }
    let first = fold(w[0].text);
    let second = fold(w[1].text);
    let determiner_next =
        DETERMINERS.contains(&second.as_str()) || second == "that" || second.ends_with("'s");
    first.ends_with("ly")
        || BASE_VERBS.contains(&first.as_str())
        || ((first.ends_with("es") || first.ends_with("ies")) && determiner_next && w.len() >= 3)
        || w.windows(2).any(|p| {
            let a = fold(p[0].text);
            (a.ends_with("ly") || a == "to") && BASE_VERBS.contains(&fold(p[1].text).as_str())
        })
}

fn valid_items(items: &[String]) -> bool {
    if items.len() < 2 {
        return false;
    }
    let all_single = items.iter().all(|i| text::word_count(i) == 1);
    items.iter().all(|i| {
        let w = words(i);
        let n = w.len();
        (1..=MAX_ITEM_WORDS).contains(&n)
            && w.iter().any(|x| !is_stop(x.text))
            && w.last().is_some_and(|x| !is_stop(x.text))
            && (all_single || !w.iter().any(|x| is_verb(x.text)))
    }) && !items.iter().all(|i| i.chars().all(|c| !c.is_alphabetic()))
}

/// Whether raw items start like items: with a content word, a determiner or
/// the lead word most items share (e.g. "to").
fn parallel_starts(raw: &[String]) -> bool {
    let firsts: Vec<String> = raw
        .iter()
        .map(|i| fold(i.split_whitespace().next().unwrap_or("")))
        .collect();
    let shared: Vec<&String> = firsts
        .iter()
        .filter(|f| firsts.iter().filter(|g| g == f).count() >= 2)
        .collect();
    // a capitalised item after a lowercase one starts a new clause
    // ("…, protecting nature, Lucid waters and …")
    let upper: Vec<bool> = raw
        .iter()
        .map(|i| {
            i.trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
        .collect();
    if upper.windows(2).any(|p| !p[0] && p[1]) {
        return false;
    }
    firsts.iter().all(|f| {
        !is_stop(f)
            || DETERMINERS.contains(&f.as_str())
            || matches!(f.as_str(), "and" | "or")
            || shared.contains(&f)
    })
}

/// Shortens an item that runs on: cut at a trailing phrase (after at least
/// two words), "of" only as a last resort. `None` if it stays too long.
fn trim_item<'a>(w: &[Word<'a>], limit: usize) -> Option<Vec<Word<'a>>> {
    let cut_at = |allow_of: bool| {
        w.iter().enumerate().skip(2).find(|(_, x)| {
            let f = fold(x.text);
            (f != "of" || allow_of) && (TRAILING_CUTS.contains(&f.as_str()) || is_verb(x.text))
        })
    };
    let mut out = w.to_vec();
    if out.len() > limit {
        if let Some((i, _)) = cut_at(false) {
            out.truncate(i);
        }
    }
    if out.len() > MAX_ITEM_WORDS {
        if let Some((i, _)) = cut_at(true) {
            out.truncate(i);
        }
    }
    (out.len() <= MAX_ITEM_WORDS && !out.is_empty()).then_some(out)
}

/// Words of the head chunk that form the first item.
fn head_tail<'a>(
    hw: &[Word<'a>],
    s: &str,
    head: Span,
    at_sentence_start: bool,
    typical: usize,
    lead: Option<&str>,
) -> Vec<Word<'a>> {
    let after_colon: Vec<Word<'a>>;
    let hw: &[Word<'a>] = match s[head.start..head.end].rfind(':') {
        Some(colon) => {
            let pos = head.start + colon;
            after_colon = hw.iter().copied().filter(|w| w.start > pos).collect();
            if after_colon.len() <= typical + 2 {
                return trim_item(&after_colon, typical + 2).unwrap_or_default();
            }
            &after_colon
        }
        None => hw,
    };
    // an adverbial opener ("In this new situation, A, B and C are …") holds no item
    if at_sentence_start
        && hw
            .first()
            .is_some_and(|w| is_stop(w.text) && !DETERMINERS.contains(&fold(w.text).as_str()))
    {
        let has_cue_after_start = hw
            .iter()
            .skip(1)
            .any(|w| is_verb(w.text) || LIST_CUES.contains(&fold(w.text).as_str()));
        if !has_cue_after_start {
            return Vec::new();
        }
    }
    // after the last verb or strong cue, an item that starts like the others
    let strong = hw.iter().rposition(|w| {
        is_verb(w.text)
            || matches!(
                fold(w.text).as_str(),
                "including" | "namely" | "as" | "like" | "especially"
            )
    });
    if let Some(l) = lead {
        let from = strong.map_or(0, |p| p + 1);
        if let Some(k) = (from..hw.len()).find(|&k| fold(hw[k].text) == l) {
            if let Some(t) = trim_item(&hw[k..], typical + 2) {
                return t;
            }
        }
    }
    // "of" inside a name ("The Republic of China, France, …") is no cue
    let capital = |k: usize| {
        hw.get(k)
            .is_some_and(|w| w.text.starts_with(char::is_uppercase))
    };
    let cue = hw.iter().enumerate().rposition(|(k, w)| {
        let f = fold(w.text);
        let in_name = f == "of" && k > 0 && capital(k - 1) && capital(k + 1);
        (LIST_CUES.contains(&f.as_str()) && !in_name) || is_verb(w.text)
    });
    let tail: Vec<Word<'a>> = match cue {
        Some(c) => hw[c + 1..].to_vec(),
        None if at_sentence_start => hw.to_vec(),
        None => hw[hw.len().saturating_sub(typical)..].to_vec(),
    };
    if tail.is_empty() || tail.len() > MAX_ITEM_WORDS {
        hw[hw.len().saturating_sub(typical.max(1))..].to_vec()
    } else {
        tail
    }
}

/// Words of the last item, cut at a verb or a trailing phrase.
fn last_item<'a>(rw: &[Word<'a>], typical: usize) -> Vec<Word<'a>> {
    let mut keep = rw.len();
    for (i, w) in rw.iter().enumerate().skip(1) {
        let f = fold(w.text);
        let cut = TRAILING_CUTS.contains(&f.as_str()) && (f != "of" || rw.len() > MAX_ITEM_WORDS);
        if is_verb(w.text) || (cut && i >= typical.max(1)) {
            keep = i;
            break;
        }
    }
    rw[..keep.min(MAX_ITEM_WORDS)].to_vec()
}

/// Comma lists ("A, B and C") in one clause.
fn comma_lists(s: &str, clause: Span, out: &mut Vec<Found>) {
    if !s[clause.start..clause.end].contains(" and ")
        && !s[clause.start..clause.end].contains(" or ")
    {
        return;
    }
    let parts = Chunks::new(s, split(s, clause, ','));
    let mut j = 1;
    let mut floor = 0;
    while j < parts.spans.len() {
        if let Some((found, next)) = comma_list_at(s, clause, &parts, j, floor) {
            out.push(found);
            j = next;
            floor = next;
        } else {
            j += 1;
        }
    }
}

/// Cue words that always open a list: the chunk holding one is the head.
fn has_strong_cue(s: &str, sp: Span) -> bool {
    let raw = &s[sp.start..sp.end];
    if raw.contains(':')
        || raw.split_whitespace().any(|w| {
            ["including", "namely", "like", "especially"]
                .iter()
                .any(|k| text::eq_fold(w, k))
        })
    {
        return true;
    }
    if raw.is_ascii() {
        let b = raw.as_bytes();
        return b.len() >= 8 && b[..8].eq_ignore_ascii_case(b"such as ")
            || b.windows(9).any(|w| w.eq_ignore_ascii_case(b" such as "));
    }
    let f = fold(raw);
    f.starts_with("such as ") || f.contains(" such as ")
}

/// A chunk that can be a whole item (possibly after trimming a trailing phrase).
/// `w` are the words of `s[sp]`.
fn item_words<'a>(s: &'a str, sp: Span, w: &[Word<'a>]) -> Option<Vec<Word<'a>>> {
    if w.is_empty() || w.len() > 14 || has_strong_cue(s, sp) {
        return None;
    }
    let w = trim_item(w, MAX_ITEM_WORDS)?;
    (w.len() == 1 || !w.iter().any(|x| is_verb(x.text))).then_some(w)
}

/// Like [`item_words`], but a chunk that loses more than half its words to
/// trimming counts only when it starts like a neighbouring chunk (parallel
/// structure: "the gradations of rank …, the maintenance of roads by which …").
fn middle_item<'p, 'a>(parts: &'p Chunks<'a>, k: usize) -> Option<&'p [Word<'a>]> {
    let w = parts.items[k].as_deref()?;
    let full = &parts.words[k];
    // a chunk cut where a verb begins ends the list: it is no middle item
    if full.get(w.len()).is_some_and(|x| is_verb(x.text)) {
        return None;
    }
    if full.len() <= MAX_ITEM_WORDS || w.len() * 2 >= full.len() {
        return Some(w);
    }
    let first = |n: usize| {
        parts.words[n]
            .iter()
            .find(|x| !is_conj(x.text))
            .map(|x| fold(x.text))
    };
    let mine = first(k);
    let same = [k.checked_sub(1), Some(k + 1)]
        .into_iter()
        .flatten()
        .filter(|&n| n < parts.spans.len())
        .any(|n| first(n) == mine);
    same.then_some(w)
}

fn starts_with_conj(w: &[Word<'_>]) -> bool {
    w.first().is_some_and(|x| is_conj(x.text))
}

fn has_conj(w: &[Word<'_>]) -> bool {
    w.iter().any(|x| is_conj(x.text))
}

fn comma_list_at(
    s: &str,
    clause: Span,
    parts: &Chunks<'_>,
    j0: usize,
    floor: usize,
) -> Option<(Found, usize)> {
    if !has_conj(&parts.words[j0]) {
        return None;
    }
    // The final chunk: the last chunk with a conjunction in the run of item
    // chunks. A chunk opening with "and"/"or" ends the run; if it is no
    // item (a new clause: "and the right to …"), the list ends before it.
    let mut j = j0;
    let mut k = j0 + 1;
    if !starts_with_conj(&parts.words[j0]) {
        while k < parts.spans.len() {
            let kw = &parts.words[k];
            if starts_with_conj(kw) {
                // the chunk before already closed the list with its own
                // "and" ("…, great change and great adjustment, and peace …")
                if has_conj(&parts.words[k - 1]) && k - 1 > j0
                    || has_conj(&parts.words[k - 1]) && k - 1 == j0
                {
                    break;
                }
                // accepted when it is short, or ends where a verb begins the predicate
                let ok = parts.items[k].as_ref().is_some_and(|w| {
                    w.len() * 2 >= kw.len() || kw.get(w.len()).is_some_and(|x| is_verb(x.text))
                });
                if ok {
                    j = k;
                }
                break;
            }
            if middle_item(parts, k).is_none() {
                break;
            }
            if has_conj(kw) {
                j = k;
            }
            k += 1;
        }
    }
    let fw = parts.words[j].clone();
    let oxford = fw.first().is_some_and(|w| is_conj(w.text));
    // middles: parts before j that are whole items
    let mut i = j - 1;
    while i >= floor.max(1) && middle_item(parts, i).is_some() && !starts_with_conj(&parts.words[i])
    {
        i -= 1;
    }
    if i < floor {
        return None;
    }
    let mut mids: Vec<Vec<Word<'_>>> = (i + 1..j)
        .map(|n| {
            middle_item(parts, n)
                .map(<[Word<'_>]>::to_vec)
                .unwrap_or_default()
        })
        .collect();
    let lead = mids
        .first()
        .and_then(|m| m.first())
        .map(|w| fold(w.text))
        .filter(|l| {
            mids.iter()
                .filter(|m| m.first().is_some_and(|w| fold(w.text) == *l))
                .count()
                >= 2
                || mids.len() == 1
        });
    let (last_left, right): (Option<Vec<Word<'_>>>, Vec<Word<'_>>) = if oxford {
        if mids.is_empty() {
            return None;
        }
        (None, fw[1..].to_vec())
    } else {
        // choose the conjunction that splits F into item + last item
        let conj_pos: Vec<usize> = fw
            .iter()
            .enumerate()
            .filter(|(k, w)| *k >= 1 && is_conj(w.text))
            .map(|(k, _)| k)
            .collect();
        let pick = conj_pos
            .iter()
            .copied()
            .find(|&k| {
                lead.as_ref().is_some_and(|l| {
                    is_stop(l) && fw.get(k + 1).is_some_and(|w| fold(w.text) == *l)
                }) && k <= MAX_ITEM_WORDS + 1
            })
            .or_else(|| conj_pos.iter().copied().find(|&k| k <= MAX_ITEM_WORDS))?;
        (Some(fw[..pick].to_vec()), fw[pick + 1..].to_vec())
    };
    // "…, birth or other status": the catch-all is not an item
    let catch_all = right.first().is_some_and(|w| fold(w.text) == "other");
    let (last_left, right) = match (catch_all, last_left) {
        (true, Some(l)) => (None, l),
        (_, l) => (l, right),
    };
    if let Some(l) = &last_left {
        mids.push(l.clone());
    }
    let typical = mids.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let head = parts.spans[i];
    let hw = parts.words[i].clone();
    let first = head_tail(
        &hw,
        s,
        head,
        head.start == clause.start && i == 0,
        typical,
        lead.as_deref(),
    );
    // a list of single verbs ("seek, receive and impart information") ends in one word
    let verbs_only = typical == 1
        && first.len() == 1
        && (is_verb(first[0].text) || mids.iter().any(|m| m.len() == 1 && is_verb(m[0].text)));
    let last = if verbs_only {
        right.iter().take(1).copied().collect()
    } else {
        last_item(&right, typical)
    };
    if last.is_empty() || (first.is_empty() && mids.len() < 2) {
        return None;
    }
    // With no item in the opener, the first chunk must not be a clause:
    // "In spring, the keeper checks food, brood and space" is no list.
    if first.is_empty() {
        let m = &mids[0];
        let clause = m.len() >= 4 && DETERMINERS.contains(&fold(m[0].text).as_str()) && {
            let v = fold(m[2].text);
            v.ends_with('s') && !v.ends_with("ss") && !is_stop(&v) && !is_stop(m[3].text)
        };
        if clause {
            return None;
        }
    }
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if !first.is_empty() {
        spans.push(span_of(&first)?);
    }
    for m in &mids {
        spans.push(span_of(m)?);
    }
    spans.push(span_of(&last)?);
    let raw: Vec<String> = spans.iter().map(|&(a, b)| s[a..b].to_string()).collect();
    if !parallel_starts(&raw)
        || raw.iter().any(|r| predicate_like(r))
        || s[spans[0].0..spans.last()?.1].contains(['"', '\u{201c}', '\u{201d}'])
    {
        return None;
    }
    let mut items: Vec<String> = raw.iter().map(|r| clean(r)).collect();
    strip_common_lead(&mut items);
    // "arbitrary interference with his privacy, family, home or
    // correspondence": a determiner before the first of bare nouns belongs
    // to them all and stays in the question ("with his ___")
    if items.len() >= 3 && items[1..].iter().all(|i| !i.contains(' ')) {
        let first = items[0].split_whitespace().next().unwrap_or("");
        let word = fold(first);
        let possessive = matches!(
            word.as_str(),
            "his" | "her" | "their" | "its" | "our" | "my" | "your" | "any" | "all"
        );
        if possessive && items[0].contains(' ') {
            let skip = s[spans[0].0..].find(' ').map_or(0, |p| p + 1);
            spans[0].0 += skip;
            items[0] = items[0][first.len()..].trim_start().to_string();
        }
    }
    // "open, inclusive, inclusive, balanced": a repeated item is one item
    let mut keep = vec![true; items.len()];
    for a in 1..items.len() {
        if items[..a].iter().any(|x| fold(x) == fold(&items[a])) {
            keep[a] = false;
        }
    }
    let mut n = 0;
    spans.retain(|_| {
        n += 1;
        keep[n - 1]
    });
    let mut n = 0;
    items.retain(|_| {
        n += 1;
        keep[n - 1]
    });
    if items.len() < 3 || !valid_items(&items) {
        return None;
    }
    let start = spans[0].0;
    let end = spans.last()?.1;
    Some((
        Found {
            start,
            end,
            items,
            spans,
            numbered: false,
            counted: false,
        },
        j + 1,
    ))
}

/// Lists of pairs without a final conjunction: "A and B, C and D, E and F".
fn pair_lists(s: &str, clause: Span, out: &mut Vec<Found>) {
    let parts = split(s, clause, ',');
    if parts.len() < 3 {
        return;
    }
    let is_pair = |sp: Span| {
        let w = ws(s, sp);
        (3..=5).contains(&w.len())
            && w.iter().filter(|x| is_conj(x.text)).count() == 1
            && !w.iter().any(|x| is_verb(x.text))
    };
    // the run must reach the clause end
    let mut k = parts.len();
    while k >= 2 && is_pair(parts[k - 1]) {
        k -= 1;
    }
    let run = parts.len() - k;
    if run < 2 || k == 0 {
        return;
    }
    let typical = ws(s, parts[k]).len();
    let hw = ws(s, parts[k - 1]);
    if hw.len() < typical {
        return;
    }
    let first = &hw[hw.len() - typical..];
    if !first.iter().any(|w| is_conj(w.text)) {
        return;
    }
    let mut spans = vec![(first[0].start, first[typical - 1].end)];
    spans.extend(parts[k..].iter().map(|p| (p.start, p.end)));
    let items: Vec<String> = spans.iter().map(|&(a, b)| clean(&s[a..b])).collect();
    if items.len() >= 3 && valid_items(&items) {
        out.push(Found {
            start: spans[0].0,
            end: spans.last().map_or(0, |x| x.1),
            items,
            spans,
            numbered: false,
            counted: false,
        });
    }
}

/// Semicolon lists: "Earth comprises A; B; C; D."
fn semicolon_list(s: &str, out: &mut Vec<Found>) -> bool {
    let whole = Span {
        start: 0,
        end: s.len(),
    };
    let segs = split(s, whole, ';');
    if segs.len() < 3 {
        return false;
    }
    let middle_ok = segs[1..segs.len() - 1].iter().all(|sp| {
        let w = ws(s, *sp);
        !w.is_empty() && w.len() <= MAX_ITEM_WORDS + 1 && !w.iter().any(|x| is_verb(x.text))
    });
    if !middle_ok {
        return false;
    }
    let typical = segs[1..segs.len() - 1]
        .iter()
        .map(|sp| ws(s, *sp).len())
        .max()
        .unwrap_or(1);
    let hw = ws(s, segs[0]);
    let first = head_tail(&hw, s, segs[0], false, typical, None);
    let Some(&last_seg) = segs.last() else {
        return false;
    };
    let lw = ws(s, last_seg);
    let last = last_item(&lw, typical + 1);
    let (Some(a), Some(b)) = (span_of(&first), span_of(&last)) else {
        return false;
    };
    let mut spans = vec![a];
    spans.extend(segs[1..segs.len() - 1].iter().map(|p| (p.start, p.end)));
    spans.push(b);
    let items: Vec<String> = spans.iter().map(|&(x, y)| clean(&s[x..y])).collect();
    if valid_items(&items) {
        out.push(Found {
            start: a.0,
            end: b.1,
            items,
            spans,
            numbered: false,
            counted: false,
        });
        return true;
    }
    false
}

/// Inline numbered lists: "(1) A; (2) B; (3) C."
pub fn numbered_list(s: &str) -> Option<Found> {
    let mut markers = Vec::new();
    let mut n = 1;
    let mut from = 0;
    while let Some(p) = s[from..].find(&format!("({n})")) {
        let at = from + p;
        markers.push((at, at + format!("({n})").len()));
        from = at + 3;
        n += 1;
    }
    if markers.len() < 2 {
        return None;
    }
    let mut spans = Vec::new();
    for (k, &(_, body_start)) in markers.iter().enumerate() {
        let limit = markers.get(k + 1).map_or(s.len(), |m| m.0);
        let mut body_end = limit;
        if k + 1 == markers.len() {
            if let Some(p) = s[body_start..limit].find([';', '.']) {
                body_end = body_start + p;
            }
        }
        let raw = &s[body_start..body_end];
        let a = body_start + (raw.len() - raw.trim_start().len());
        let t = s[a..body_end]
            .trim_end()
            .trim_end_matches([';', ',', '.'])
            .trim_end();
        let t = t
            .strip_suffix(" and")
            .or_else(|| t.strip_suffix(" or"))
            .unwrap_or(t);
        spans.push((a, a + t.len()));
    }
    let items: Vec<String> = spans.iter().map(|&(a, b)| clean(&s[a..b.max(a)])).collect();
    if !valid_items(&items) {
        return None;
    }
    Some(Found {
        start: markers[0].0,
        end: spans.last()?.1,
        items,
        spans,
        numbered: true,
        counted: false,
    })
}

/// Longest item of a counted clause list, in words.
pub const MAX_CLAUSE_ITEM_WORDS: usize = 12;

/// A clause list of these items, when each is a clause of 2 to
/// [`MAX_CLAUSE_ITEM_WORDS`] words that ends on a content word.
fn clause_list(items: Vec<String>, spans: Vec<(usize, usize)>) -> Option<Found> {
    let ok = items.iter().all(|i| {
        let w = words(i);
        (2..=MAX_CLAUSE_ITEM_WORDS).contains(&w.len()) && w.last().is_some_and(|x| !is_stop(x.text))
    });
    ok.then(|| Found::at_spans(items, spans, true))
}

/// A count before a colon and as many ";"-separated clauses after it: "I
/// examine myself on three points:-- whether …;-- whether …;-- whether …".
/// The items may be clauses (verbs and commas inside) because the count
/// says where the list is; a lead word they share ("whether") is dropped.
fn counted_clauses(s: &str) -> Option<Found> {
    let colon = s.find(':')?;
    let head = &s[..colon];
    let n = s[colon + 1..].matches(';').count() + 1;
    // the count is among the last words before the colon ("on three
    // points"), before a word that is not a stop word
    let hw = words(head);
    let counted = hw.iter().enumerate().rev().take(5).any(|(i, x)| {
        number_value(x.text) == Some(n) && hw.get(i + 1).is_some_and(|y| !is_stop(y.text))
    });
    if !(2..=7).contains(&n) || !counted {
        return None;
    }
    let mut spans = Vec::new();
    let mut from = colon + 1;
    for k in 0..n {
        let end = if k + 1 < n {
            from + s[from..].find(';')?
        } else {
            s.len()
        };
        let raw = &s[from..end];
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '-' | '\u{2014}' | '\u{2013}')
                })
                .len();
        let a = from + lead;
        let t = s[a..end].trim_end().trim_end_matches(|c: char| {
            matches!(c, '.' | ';' | '\'' | '"' | '\u{2019}' | '\u{201d}' | ' ')
        });
        let t = t
            .strip_prefix("and ")
            .or_else(|| t.strip_prefix("or "))
            .unwrap_or(t);
        let a = a + s[a..end].find(t).unwrap_or(0);
        spans.push((a, a + t.len()));
        from = end + 1;
    }
    let mut items: Vec<String> = spans
        .iter()
        .map(|&(a, b)| s[a..b].trim().to_string())
        .collect();
    // the word every item opens with ("whether") is the question's
    let first = |i: &str| words(i).first().map(|w| fold(w.text));
    let lead = first(&items[0]);
    if lead.is_some() && items.iter().all(|i| first(i) == lead) {
        for it in items.iter_mut() {
            let w = words(it);
            *it = it[w[0].end..]
                .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
                .to_string();
        }
    }
    clause_list(items, spans)
}

/// Clauses separated by ";" that all open with the same word ("That
/// parents, when alive, be served according to propriety; that, when
/// dead, they should be buried …; and that they should be sacrificed to
/// …"): an anaphoric series inside one sentence, one item per clause.
fn anaphoric_clauses(s: &str) -> Option<Found> {
    let segs: Vec<(usize, usize)> = {
        let mut out = Vec::new();
        let mut from = 0;
        for (i, _) in s.match_indices(';') {
            out.push((from, i));
            from = i + 1;
        }
        out.push((from, s.len()));
        out
    };
    let n = segs.len();
    if !(3..=7).contains(&n) {
        return None;
    }
    let opening = |t: &str| -> Option<(usize, String)> {
        let w = words(t);
        let k = usize::from(
            w.first()
                .is_some_and(|x| matches!(fold(x.text).as_str(), "and" | "or")),
        );
        w.get(k).map(|x| (x.start, fold(x.text)))
    };
    let (_, lead) = opening(&s[segs[1].0..segs[1].1])?;
    if !matches!(
        lead.as_str(),
        "that" | "whether" | "to" | "when" | "if" | "where" | "how"
    ) {
        return None;
    }
    let mut spans = Vec::new();
    // the first clause opens at the lead word's last use in the first segment
    let first = &s[segs[0].0..segs[0].1];
    let w0 = words(first);
    let at = w0.iter().rposition(|x| fold(x.text) == lead)?;
    spans.push((segs[0].0 + w0[at].start, segs[0].1));
    for &(a, b) in &segs[1..] {
        let (start, l) = opening(&s[a..b])?;
        if l != lead {
            return None;
        }
        spans.push((a + start, b));
    }
    let items: Vec<String> = spans
        .iter()
        .map(|&(a, b)| {
            let t = &s[a..b];
            let after_lead = words(t).first().map_or(0, |x| x.end);
            t[after_lead..]
                .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
                .trim_end_matches(|c: char| {
                    matches!(
                        c,
                        '.' | ';' | '\'' | '"' | '\u{2019}' | '\u{201d}' | ' ' | '!'
                    )
                })
                .to_string()
        })
        .collect();
    clause_list(items, spans)
}

/// A series set off by dashes, without a conjunction: "this idea of
/// layers—photosphere, chromosphere, transition region, corona—describes
/// …". Short noun items only: the dashes and commas are all the grammar.
fn dashed_series(s: &str) -> Option<Found> {
    let open = s.find('\u{2014}')?;
    let from = open + '\u{2014}'.len_utf8();
    let close = from + s[from..].find('\u{2014}')?;
    let inner = &s[from..close];
    let mut spans = Vec::new();
    let mut at = from;
    for part in inner.split(',') {
        let t = part.trim();
        let t = t
            .strip_prefix("and ")
            .or_else(|| t.strip_prefix("or "))
            .unwrap_or(t);
        let a = at + part.find(t).unwrap_or(0);
        spans.push((a, a + t.len()));
        at += part.len() + 1;
    }
    let items: Vec<String> = spans.iter().map(|&(a, b)| s[a..b].to_string()).collect();
    let ok = items.len() >= 3
        && items.iter().all(|i| {
            let w = words(i);
            (1..=3).contains(&w.len())
                && !w.iter().any(|x| is_stop(x.text) || is_verb(x.text))
                && i.chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
        });
    ok.then(|| Found::at_spans(items, spans, false))
}

/// All enumerations in a sentence, left to right, not overlapping.
pub fn find(s: &str) -> Vec<Found> {
    let mut out = Vec::new();
    if let Some(f) = numbered_list(s) {
        return vec![f];
    }
    if let Some(f) = counted_clauses(s)
        .or_else(|| anaphoric_clauses(s))
        .or_else(|| dashed_series(s))
    {
        return vec![f];
    }
    if semicolon_list(s, &mut out) {
        return out;
    }
    let whole = Span {
        start: 0,
        end: s.len(),
    };
    for clause in split(s, whole, ';') {
        let before = out.len();
        pair_lists(s, clause, &mut out);
        if out.len() == before {
            comma_lists(s, clause, &mut out);
        }
    }
    out
}

/// Finds "<number> <noun phrase>" for `n` in `s`, e.g. "five constant factors".
pub fn count_phrase(s: &str, n: usize) -> Option<String> {
    let w = words(s);
    for (i, x) in w.iter().enumerate() {
        if number_value(x.text) == Some(n) {
            let mut k = i + 1;
            while k < w.len() && k < i + 4 && !is_stop(w[k].text) && !is_verb(w[k].text) {
                // stop at punctuation between words
                if s[w[k - 1].end..w[k].start]
                    .trim()
                    .chars()
                    .any(|c| !c.is_alphanumeric() && c != '"' && c != '\u{201c}')
                {
                    break;
                }
                k += 1;
            }
            if k > i + 1 {
                return Some(
                    s[x.start..w[k - 1].end]
                        .trim_matches(['"', '\u{201c}', '\u{201d}'])
                        .to_string(),
                );
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {

    #[test]
    fn clauses_opening_with_one_word_are_a_list() {
        let s = "The law requires that, when alive, parents be served with care; that, when dead, they be buried with care; and that they be honoured with sacrifices.";
        let f = find(s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].items,
            vec![
                "when alive, parents be served with care",
                "when dead, they be buried with care",
                "they be honoured with sacrifices"
            ]
        );
        assert!(f[0].counted);
        // clauses that open differently are no series
        assert!(anaphoric_clauses("He came; that was all; and then he left.").is_none());
    }

    #[test]
    fn a_determiner_before_bare_nouns_stays_in_the_question() {
        let s = "No one shall be subjected to arbitrary interference with his privacy, family, home or correspondence.";
        let f = find(s);
        assert_eq!(
            f[0].items,
            vec!["privacy", "family", "home", "correspondence"]
        );
        assert_eq!(&s[f[0].start..f[0].start + 7], "privacy");
    }

    #[test]
    fn a_series_between_dashes_is_a_list() {
        let s = "While this idea of layers\u{2014}photosphere, chromosphere, transition region, corona\u{2014}describes the big picture, the Sun is more complicated.";
        let f = find(s);
        assert_eq!(
            f[0].items,
            vec!["photosphere", "chromosphere", "transition region", "corona"]
        );
        // an aside between dashes is no list
        let s = "The needs of people\u{2014}not the constraints of government, or silos\u{2014}should inform decisions.";
        assert!(dashed_series(s).is_none());
    }

    #[test]
    fn a_count_before_a_colon_makes_its_clauses_a_list() {
        let s = "The philosopher Tsang said, 'I daily examine myself on three points:-- whether, in transacting business for others, I may have been not faithful;-- whether, in intercourse with friends, I may have been not sincere;-- whether I may have not mastered and practised the instructions of my teacher.'";
        let f = find(s);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].items,
            vec![
                "in transacting business for others, I may have been not faithful",
                "in intercourse with friends, I may have been not sincere",
                "I may have not mastered and practised the instructions of my teacher"
            ]
        );
        // the count must match the clauses
        let s = "He examined two points: whether the roof leaked; whether the walls were damp; whether the door shut.";
        assert!(counted_clauses(s).is_none());
    }
    use super::*;

    fn items(s: &str) -> Vec<Vec<String>> {
        find(s).into_iter().map(|f| f.items).collect()
    }

    #[test]
    fn a_name_with_of_opens_a_list_whole() {
        let got = items("The Republic of China, France, and the United States of America shall be permanent members.");
        assert_eq!(got[0][0], "Republic of China", "{got:?}");
    }

    #[test]
    fn counted_list_after_a_colon() {
        assert_eq!(
            items("We should promote it from five aspects: politics, security, economy, culture and ecology."),
            vec![vec!["politics", "security", "economy", "culture", "ecology"]]
        );
    }

    #[test]
    fn head_noun_list_with_trailing_phrase() {
        assert_eq!(
            items("Recognition of rights is the foundation of freedom, justice and peace in the world."),
            vec![vec!["freedom", "justice", "peace"]]
        );
    }

    #[test]
    fn copular_subject_list() {
        let f = find("Peace, development, fairness, justice, democracy and freedom are the common values of mankind.");
        assert_eq!(
            f[0].items,
            vec![
                "Peace",
                "development",
                "fairness",
                "justice",
                "democracy",
                "freedom"
            ]
        );
        assert_eq!(f[0].start, 0);
    }

    #[test]
    fn such_as_list_drops_catch_all() {
        assert_eq!(
            items("Everyone is entitled to rights without distinction of any kind, such as race, colour, sex, language, religion, property, birth or other status."),
            vec![vec!["race", "colour", "sex", "language", "religion", "property", "birth"]]
        );
    }

    #[test]
    fn repeated_preposition_is_stripped() {
        assert_eq!(
            items("Everyone has the right to work, to free choice of employment, to just and favourable conditions of work and to protection against unemployment."),
            vec![vec!["work", "free choice of employment", "just and favourable conditions of work", "protection against unemployment"]]
        );
    }

    #[test]
    fn long_items_are_cut_at_a_trailing_phrase() {
        let f = items("By Method are to be understood the marshalling of the army in its proper subdivisions, the gradations of rank among the officers, the maintenance of roads by which supplies may reach the army, and the control of military expenditure.");
        assert!(f.is_empty() || f[0].len() == 4, "{f:?}");
    }

    #[test]
    fn semicolon_list() {
        assert_eq!(
            items("Earth comprises distances, great and small; danger and security; open ground and narrow passes; the chances of life and death."),
            vec![vec!["distances, great and small", "danger and security", "open ground and narrow passes", "chances of life and death"]]
        );
    }

    #[test]
    fn pairs_without_final_conjunction() {
        assert_eq!(
            items("Heaven signifies night and day, cold and heat, times and seasons."),
            vec![vec!["night and day", "cold and heat", "times and seasons"]]
        );
    }

    #[test]
    fn numbered_inline_list() {
        assert_eq!(
            items("These are: (1) The Moral Law; (2) Heaven; (3) Earth; (4) The Commander; (5) Method and discipline."),
            vec![vec!["Moral Law", "Heaven", "Earth", "Commander", "Method and discipline"]]
        );
    }

    #[test]
    fn verb_lists_of_single_words_are_allowed() {
        assert_eq!(
            items("This right includes freedom to seek, receive and impart information."),
            vec![vec!["seek", "receive", "impart"]]
        );
    }

    #[test]
    fn predicate_lists_are_not_lists() {
        assert!(items("We must build bridges, open markets and respect each other.").is_empty());
    }

    #[test]
    fn count_phrases() {
        assert_eq!(
            count_phrase(
                "The art of war is governed by five constant factors, to be taken",
                5
            )
            .as_deref(),
            Some("five constant factors")
        );
        assert_eq!(
            count_phrase("By means of these seven considerations I can", 7).as_deref(),
            Some("seven considerations")
        );
        assert_eq!(count_phrase("five aspects", 4), None);
    }
}
