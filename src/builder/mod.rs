//! The deck builder: a study document in, a deck of question cards out.
//! Pure: the caller reads the document; nothing here touches files or the
//! database, and nothing depends on a particular document's words.
//!
//! Pipeline (CARDS.md §4): parse the structure ([`document`]), run the
//! extractors (outline, lists, parallel phrases and chains, figures, quotes,
//! named concepts, claims, key terms), apply hard filters, merge
//! near-duplicates, rank, and keep about one card per 35 words while
//! covering every section. A list is one card (its items are graded one by
//! one); longer lists are split. Card ids hash kind, place and answer.

pub mod anaphora;
pub mod candidate;
pub mod claims;
pub mod coordination;
pub mod counts;
pub mod definitions;
pub mod document;
pub mod frame;
pub mod gaps;
pub mod lists;
pub mod nlp;
pub mod outline;
pub mod parallel;
pub mod select;
pub mod series;
pub mod text;
pub mod workers;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck, DeckMeta};
use candidate::{prior, Candidate};
use document::{BlockKind, Doc};
use gaps::{At, Ctx};
pub use select::Dropped;
use text::{fold, is_stop, words, Stems};

/// One card per this many words of text. A careful reader's deck has one
/// per 40–80; on the corpus, 33 and 31 gave the same recall as 35 with
/// 5–15% more cards, all of them weaker.
pub const WORDS_PER_CARD: usize = 35;
/// Never more than one card per this many words (the deck-quality bound).
pub const MIN_WORDS_PER_CARD: usize = 31;
/// Most cards from one paragraph or point.
pub const PER_BLOCK: usize = 4;
/// Sentences longer than this are not made into cards (and keep the
/// builder linear on pathological input).
pub const MAX_SENTENCE_WORDS: usize = 120;
/// How many most frequent content words count as the topic.
pub const TOPIC_WORDS: usize = 5;

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Deck name (default: the document's title).
    pub name: Option<String>,
    /// File name of the document, recorded in the deck.
    pub source_name: Option<String>,
}

/// Why a card is in the deck: the rule that made it and its rank score.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub id: String,
    /// The extractor ("list", "definition", "claim", "key-term", …).
    pub rule: &'static str,
    /// Kind prior plus features; cards are chosen best first.
    pub score: f64,
}

/// A built deck and what was left out.
#[derive(Debug, Clone)]
pub struct Built {
    pub deck: Deck,
    /// One entry per card of `deck`, in the same order.
    pub explained: Vec<Explained>,
    pub dropped: Vec<Dropped>,
}

impl Built {
    /// "12 list, 3 outline, 40 cloze".
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        for k in CardKind::ALL {
            let n = self.deck.cards.iter().filter(|c| c.kind == k).count();
            if n > 0 {
                parts.push(format!("{n} {k}"));
            }
        }
        parts.join(", ")
    }
}

/// Checks a document's bytes: UTF-8 text, not binary, not empty.
pub fn decode_document(path: &Path, bytes: &[u8]) -> Result<String> {
    let bad = |msg: String| Error::BadFile {
        path: path.to_path_buf(),
        msg,
    };
    if bytes.contains(&0) {
        return Err(bad("binary data (NUL bytes), not a text document".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::deckfile::line_col(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        bad(format!(
            "not UTF-8 text (invalid byte at line {line}, column {col})"
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(bad("the document is empty".into()));
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A URL- and file-friendly slug of at most 48 characters.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in fold(s).split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if out.len() + w.len() + 1 > 48 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w[..w.len().min(48)]);
    }
    if out.is_empty() {
        "deck".into()
    } else {
        out
    }
}

/// Word and document frequencies of stems, and the phrase index, of one
/// range of blocks (one worker's share).
#[derive(Default)]
struct Counts {
    freq: HashMap<String, usize>,
    df: HashMap<String, usize>,
    phrases: gaps::PhraseIndex,
}

fn count_blocks(doc: &Doc, from: usize, to: usize, stems: &Stems) -> Counts {
    // counts per stem number; `last` is the last block a stem was seen in
    let mut freq: Vec<usize> = Vec::new();
    let mut df: Vec<usize> = Vec::new();
    let mut last: Vec<usize> = Vec::new();
    let mut phrases = gaps::PhraseIndex::default();
    // per distinct folded word: its stem number, STOP, or UNSEEN (a word's
    // stem depends only on its folded form)
    const UNSEEN: u32 = u32::MAX;
    const STOP: u32 = u32::MAX - 1;
    let mut class: Vec<u32> = Vec::new();
    let mut f = String::new();
    for (bi, b) in doc.blocks[from..to].iter().enumerate() {
        for w in words(&b.text) {
            text::fold_into(w.text, &mut f);
            let word = phrases.push_folded(&f) as usize;
            if w.text.len() < 3 || w.text.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if word >= class.len() {
                class.resize(word + 1, UNSEEN);
            }
            if class[word] == UNSEEN {
                class[word] = if is_stop(&f) { STOP } else { stems.stem_id(&f) };
            }
            if class[word] == STOP {
                continue;
            }
            let id = class[word] as usize;
            if id >= freq.len() {
                freq.resize(id + 1, 0);
                df.resize(id + 1, 0);
                last.resize(id + 1, usize::MAX);
            }
            freq[id] += 1;
            if last[id] != bi {
                last[id] = bi;
                df[id] += 1;
            }
        }
    }
    let mut counts = Counts {
        phrases,
        ..Counts::default()
    };
    for (id, (&f, &d)) in freq.iter().zip(&df).enumerate() {
        if f == 0 {
            continue;
        }
        if let Some(name) = stems.name(id as u32) {
            counts.freq.insert(name.to_string(), f);
            counts.df.insert(name.to_string(), d);
        }
    }
    counts
}

/// The topic stems, the idf of every stem and the phrase index, counted on
/// all cores.
/// The topic, idf and phrase index of a text, for unit tests of the
/// filters that need them.
#[cfg(test)]
pub(crate) fn topic_and_idf_of(
    text: &str,
) -> (HashSet<String>, HashMap<String, f64>, gaps::PhraseIndex) {
    let doc = document::parse(text);
    let weights: Vec<usize> = doc.blocks.iter().map(|b| b.text.len()).collect();
    topic_and_idf(&doc, &weights)
}

fn topic_and_idf(
    doc: &Doc,
    weights: &[usize],
) -> (HashSet<String>, HashMap<String, f64>, gaps::PhraseIndex) {
    let parts = workers::map_ranges(weights, Stems::default, |stems, from, to| {
        count_blocks(doc, from, to, stems)
    });
    let mut all = Counts::default();
    for part in parts {
        for (k, v) in part.freq {
            *all.freq.entry(k).or_default() += v;
        }
        for (k, v) in part.df {
            *all.df.entry(k).or_default() += v;
        }
        all.phrases.append(part.phrases);
    }
    let n_docs = doc.blocks.len();
    let mut ranked: Vec<(&String, &usize)> = all.freq.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let topic = ranked
        .iter()
        .take(TOPIC_WORDS)
        .map(|(s, _)| (*s).clone())
        .collect();
    let idf = all
        .df
        .into_iter()
        .map(|(s, d)| (s, ((n_docs as f64 + 1.0) / (d as f64)).ln()))
        .collect();
    (topic, idf, all.phrases)
}

/// Chunk sizes for a list of `n` items: at most 6 a card, none below 3.
pub fn chunk_sizes(n: usize) -> Vec<usize> {
    if n <= 7 {
        return vec![n];
    }
    let mut sizes = vec![6; n / 6];
    let r = n % 6;
    if r > 0 {
        sizes.push(r);
    }
    // the last chunk takes items from the ones before until it has three
    let mut k = sizes.len() - 2;
    while sizes[sizes.len() - 1] < 3 {
        sizes[k] -= 1;
        let last = sizes.len() - 1;
        sizes[last] += 1;
        k = if k == 0 { sizes.len() - 2 } else { k - 1 };
    }
    sizes
}

/// List cards (and chunks of long lists) from one sentence.
fn list_cards(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let mut all = lists::find(s);
    for f in series::find_tagged(s, at.toks) {
        if !all.iter().any(|a| a.start < f.end && f.start < a.end) {
            all.push(f);
        }
    }
    for mut found in all {
        if !tidy_items(s, &mut found) {
            continue;
        }
        shared_head(at.toks, &mut found);
        let n = found.items.len();
        let before = s[..found.start].trim();
        let after = s[found.end..].trim();
        let bw = words(before);
        // "These are: (1) …" / "They include A, B and C": the question
        // comes from the sentence before.
        let pointer = bw.len() <= 3
            && frame::starts_with_pronoun(before)
            && bw.last().is_some_and(|w| {
                matches!(
                    fold(w.text).as_str(),
                    "are" | "is" | "include" | "includes" | "were"
                )
            });
        let copular = bw
            .iter()
            .all(|w| matches!(fold(w.text).as_str(), "the" | "a" | "an"))
            && words(after)
                .first()
                .is_some_and(|w| matches!(fold(w.text).as_str(), "is" | "are"));
        let mut start_item = 0;
        for size in chunk_sizes(n) {
            let items: Vec<String> = found.items[start_item..start_item + size].to_vec();
            let (a, b) = (
                found.spans[start_item].0,
                found.spans[start_item + size - 1].1,
            );
            start_item += size;
            let whole = size == n;
            let counted_here = whole.then(|| lists::count_phrase(before, n)).flatten();
            let colon_question = whole.then(|| colon_question(before, n)).flatten();
            let (front, score) = if let Some(q) = colon_question {
                (frame::with_prefix(at.prefix, &q), prior::COUNTED_LIST)
            } else if pointer && whole {
                // "These are: (1) …": the question comes from the sentence before
                let Some(prev) = at.prev else { continue };
                let phrase = lists::count_phrase(prev, n);
                let ask = match &phrase {
                    Some(p) => format!("Name the {p}."),
                    None => format!("What are they? ({n} items)"),
                };
                // keep the previous sentence up to the clause naming the list
                let prev_cut = match &phrase {
                    Some(p) => {
                        let at_phrase = prev.find(p.as_str()).map_or(0, |i| i + p.len());
                        match prev[at_phrase..].find([',', ';']) {
                            Some(k) => format!("{}.", prev[..at_phrase + k].trim_end()),
                            None => prev.to_string(),
                        }
                    }
                    None => prev.to_string(),
                };
                let (pb, _) = frame::trim_around(&prev_cut, "");
                let score = if phrase.is_some() {
                    prior::COUNTED_LIST
                } else {
                    prior::LIST
                };
                (format!("{} {ask}", pb.trim()), score)
            } else if copular && whole {
                let rest = words(after);
                let verb = rest[0].text;
                let tail = after[rest[0].end..]
                    .trim()
                    .trim_end_matches(['.', '!', ';', ':']);
                (
                    format!("What {} {tail}? ({n} items)", fold(verb)),
                    prior::COPULAR_LIST,
                )
            } else {
                let Some(f) = frame::gap_front(s, a, b, at.prev) else {
                    continue;
                };
                let f = frame::with_prefix(at.prefix, &f);
                let f = f.trim_end_matches([',', ';', ':', ' ']);
                let label = if whole {
                    format!("({n} items)")
                } else {
                    format!("({size} of the {n} items)")
                };
                let score = if counted_here.is_some() {
                    prior::COUNTED_LIST
                } else {
                    prior::LIST
                };
                (format!("{f} {label}"), score)
            };
            let bonus = if found.numbered { 0.5 } else { 0.0 }
                + if (3..=7).contains(&size) { 0.3 } else { 0.0 };
            out.push(Candidate {
                kind: CardKind::List,
                front,
                back: String::new(),
                items,
                ordered: found.numbered,
                block: at.block,
                sentence: at.sentence,
                locator: at.locator.to_string(),
                context: s.to_string(),
                score: score + bonus,
                origin: if pointer { "counted-list" } else { "list" },
            });
        }
    }
}

/// Repairs items the list finder cut through a bracket or an example
/// marker ("real-time (e.g. response time | …" → response time; "solid
/// (ice" → solid; "for example | the Mediterranean Basin" drops the
/// marker) and a first item that took words from before the list
/// ("ratification of this article the manufacture | sale | …" →
/// manufacture); refuses a correlative cut in half ("both ancient |
/// modern"). Whether the list is worth a card.
fn tidy_items(s: &str, found: &mut lists::Found) -> bool {
    let n = found.items.len();
    if n < 2 {
        return false;
    }
    // brackets and example markers the finder cut through: "real-time
    // (e.g. response time | latency | … | error rates", "solid (ice"
    for k in 0..n {
        let (mut a, mut b) = found.spans[k];
        let item = &s[a..b];
        let opens = item.matches('(').count();
        let closes = item.matches(')').count();
        if opens > closes {
            let at = a + item.rfind('(').unwrap_or(0);
            if k == 0 {
                a = at + 1;
            } else {
                b = at;
            }
        } else if closes > opens {
            b = a + item.find(')').unwrap_or(item.len());
        }
        let mut piece = s[a..b].trim_start();
        for marker in [
            "e.g.,",
            "e.g.",
            "for example,",
            "for example",
            "example,",
            "example",
        ] {
            if fold(piece).starts_with(marker) {
                piece = piece[marker.len()..].trim_start();
            }
        }
        a = b - piece.len().min(b - a);
        let piece = s[a..b].trim();
        if piece.is_empty() {
            // "(for example, the Mediterranean Basin, …": the marker was an
            // item of its own
            if k == 0 {
                found.spans[0] = (b, b);
                found.items[0].clear();
                continue;
            }
            return false;
        }
        if (a, b) != found.spans[k] {
            let lead = s[a..b].len() - s[a..b].trim_start().len();
            a += lead;
            b = a + piece.len();
            found.spans[k] = (a, b);
            found.items[k] = piece.to_string();
        }
    }
    if found.items[0].is_empty() {
        found.items.remove(0);
        found.spans.remove(0);
    }
    let n = found.items.len();
    if n < 2 {
        return false;
    }
    // "…, or for any other improper or wicked project": a catch-all is
    // no item; it stays in the question
    let n = found.items.len();
    if n >= 3 {
        let last = fold(&found.items[n - 1]);
        let catch_all = [
            "other ",
            "any other ",
            "all other ",
            "many other ",
            "some other ",
        ]
        .iter()
        .any(|p| last.starts_with(p));
        if catch_all {
            found.items.pop();
            found.spans.pop();
        }
    }
    // "his reason and his self-love, his opinions and his passions": a
    // first item joined to the word before it pairs items; the commas
    // do not make one list
    let (a0, b0) = found.spans[0];
    let first0 = fold(s[a0..b0].trim());
    let det = first0.split(' ').next().unwrap_or("");
    let joined_before = matches!(
        det,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    ) && (first0.contains(&format!(" and {det} "))
        || first0.contains(&format!(" or {det} ")));
    if joined_before {
        return false;
    }
    // Between two items only separators: commas, conjunctions, articles,
    // a repeated preposition ("teaching in India and Lao Tse and
    // Confucius" gave India | Confucius)
    let separator = |w: &str| {
        matches!(
            fold(w).as_str(),
            "and"
                | "or"
                | "nor"
                | "the"
                | "a"
                | "an"
                | "as"
                | "well"
                | "by"
                | "of"
                | "for"
                | "to"
                | "in"
                | "with"
                | "from"
                | "on"
                | "at"
                | "also"
                | "then"
                | "finally"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "either"
                | "both"
                | "e.g"
                | "i.e"
                | "etc"
                | "including"
                | "especially"
                | "not"
                | "but"
                | "all"
        )
    };
    let n = found.items.len();
    if !found.numbered
        && (1..n).any(|k| {
            let (a, b) = (found.spans[k - 1].1, found.spans[k].0);
            if a > b {
                return false;
            }
            // (an item shortened to its head leaves its tail before the
            // comma: "the marshalling of the army | in its proper
            // subdivisions, the gradations …"; brackets are asides)
            let between = &s[a..b];
            let sep = between.rsplit(',').next().unwrap_or(between);
            let sep = match (sep.find('('), sep.rfind(')')) {
                (Some(o), Some(c)) if o < c => format!("{} {}", &sep[..o], &sep[c + 1..]),
                _ => sep.to_string(),
            };
            words(&sep).iter().any(|w| !separator(w.text))
        })
    {
        return false;
    }
    // "the establishment | of a new international order": an item before
    // the last that the finder cut short
    let n = found.items.len();
    // (a name may be shortened: "the United Kingdom of Great Britain …";
    // the last item's "of" phrase may belong to all, "the rights and
    // duties of citizens", unless the item has its own article: "by the
    // epics and by the custom | of taking part …")
    let (la, lb) = found.spans[n - 1];
    let last_own = s[la..lb]
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(fold(w).as_str(), "the" | "a" | "an"))
        && fold(s[lb..].trim_start()).starts_with("of ");
    if last_own && n == 2 {
        return false;
    }
    if found.spans[..n - 1].iter().any(|&(a, b)| {
        let rest = fold(s[b..].trim_start());
        let name = s[a..b]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        !name && (rest.starts_with("of ") || rest.starts_with("for ") || rest.starts_with("to "))
    }) {
        return false;
    }
    // "Men of factious tempers, of local prejudices, or of sinister
    // designs": a preposition every item repeats stays in the question
    // ("Men of ___")
    let first_word = |k: usize| {
        let (a, b) = found.spans[k];
        let t = s[a..b].trim_start();
        let t = t
            .strip_prefix("and ")
            .or_else(|| t.strip_prefix("or "))
            .unwrap_or(t);
        t.split_whitespace().next().map(fold).unwrap_or_default()
    };
    let p = first_word(0);
    let prep = matches!(
        p.as_str(),
        "of" | "for" | "to" | "in" | "on" | "by" | "with" | "from" | "about" | "against"
    );
    if prep
        && (1..found.items.len()).all(|k| first_word(k) == p)
        && !fold(&found.items[0]).starts_with(&format!("{p} "))
    {
        let (a, b) = found.spans[0];
        let off = s[a..b].find(|c: char| c.is_alphabetic()).unwrap_or(0) + p.len();
        let rest = &s[a + off..b];
        found.spans[0] = (a + off + (rest.len() - rest.trim_start().len()), b);
    }
    // "two variables, x and y": the first item counts the others (an
    // apposition), it is not one of them
    let first = words(&found.items[0]);
    if (2..=3).contains(&first.len())
        && text::number_value(first[0].text) == Some(n - 1)
        && !found.numbered
    {
        found.items.remove(0);
        found.spans.remove(0);
    }
    let n = found.items.len();
    // a numbered or marked list keeps its first marker in the span ("the
    // one, by removing …; the other, by …" is asked as "…: ___.")
    if !found.numbered {
        found.start = found.spans[0].0;
    }
    found.end = found.spans[n - 1].1;
    // "both ancient | modern": a correlative cut in half
    if found.items.iter().any(|i| {
        matches!(
            fold(i).split(' ').next(),
            Some("both" | "either" | "neither")
        )
    }) {
        return false;
    }
    // the first item is much longer than every other: it runs back into
    // the sentence before the list ("ratification of this article the
    // manufacture"); cut it after its last function word
    // (the last item's "of" phrase may belong to every item: "the
    // manufacture, sale, or transportation of intoxicating liquors")
    let others = found.items[1..]
        .iter()
        .map(|i| text::word_count(i.split(" of ").next().unwrap_or(i)))
        .max()
        .unwrap_or(0);
    let (a, b) = found.spans[0];
    let w = words(&s[a..b]);
    if n >= 3 && others <= 2 && w.len() >= others + 2 && !found.numbered {
        if let Some(k) = w.iter().rposition(|x| text::is_stop(x.text)) {
            // only words of the sentence's frame are cut ("the physical
            // processes of", "this article the"), never a term
            // ("multi-polarization of the world")
            let frame = &s[a..a + w[k].end];
            // (nor a name: "The Republic of China")
            let capital = |j: usize| {
                w.get(j)
                    .is_some_and(|x| x.text.starts_with(char::is_uppercase))
            };
            let in_name = k > 0 && capital(k - 1) && capital(k + 1);
            if k + 1 < w.len()
                && w.len() - k - 1 <= others + 1
                && definitions::rarity(frame) > 4.0
                && !in_name
            {
                let start = a + w[k + 1].start;
                found.spans[0] = (start, b);
                found.items[0] = s[start..b].to_string();
                found.start = start;
            }
        }
    }
    // "the manufacture, sale, or transportation of intoxicating liquors":
    // bare nouns under one article share the last item's "of" phrase,
    // which stays in the question
    let n = found.items.len();
    let bare = |i: &str| {
        let w = words(i);
        !w.is_empty() && w.len() <= 2 && !w.iter().any(|x| text::is_stop(x.text))
    };
    let (la, lb) = found.spans[n - 1];
    let last_raw = &s[la..lb];
    // ("on account of race, color, or previous condition of servitude":
    // no article over the items, and a longer last head, keep it whole)
    let under_article = s[..found.spans[0].0]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(fold(w).as_str(), "the" | "a" | "an" | "any" | "all"));
    if n >= 3 && !found.numbered && under_article && found.items[..n - 1].iter().all(|i| bare(i)) {
        if let Some(k) = last_raw.find(" of ") {
            let head = last_raw[..k].trim();
            let head = head
                .strip_prefix("or ")
                .or_else(|| head.strip_prefix("and "))
                .unwrap_or(head);
            if bare(head) && !head.contains(' ') {
                let hs = la + last_raw.find(head).unwrap_or(0);
                found.spans[n - 1] = (hs, hs + head.len());
                found.items[n - 1] = head.to_string();
                found.end = hs + head.len();
            }
        }
    }
    // "the principles of justice and international law, adjustment or
    // settlement of disputes": a first item right after "and" belongs
    // to the phrase before
    let after_conj = s[..found.spans[0].0]
        .split_whitespace()
        .rev()
        .map(fold)
        .find(|w| !matches!(w.as_str(), "the" | "a" | "an"))
        .is_some_and(|w| w == "and" || w == "or");
    // "justice and international law | adjustment | settlement": only the
    // first item holds a conjunction (a list of pairs has one in each)
    let has_conj = |i: &String| {
        let f = format!(" {} ", fold(i));
        f.contains(" and ") || f.contains(" or ")
    };
    let conj_inside = found.items.len() >= 3
        && !found.numbered
        && has_conj(&found.items[0])
        && !found.items[1..].iter().any(has_conj);
    !after_conj && !conj_inside
}

/// "an economic, social, cultural, or humanitarian character": adjectives
/// sharing the head noun after the last of them. The head belongs to every
/// item, so it stays in the question ("… of an ___ character") and the
/// last item is its adjective alone.
fn shared_head(toks: &[nlp::Token<'_>], found: &mut lists::Found) {
    let n = found.items.len();
    if n < 3 || found.numbered {
        return;
    }
    // each item's words, without a leading article or conjunction
    let item_toks = |(a, b): (usize, usize)| -> Vec<&nlp::Token<'_>> {
        toks.iter()
            .filter(|t| t.start >= a && t.end <= b)
            .skip_while(|t| matches!(t.tag.name(), "CC" | "DT"))
            .collect()
    };
    let firsts: Vec<Vec<&nlp::Token<'_>>> = found.spans[..n - 1]
        .iter()
        .map(|&sp| item_toks(sp))
        .collect();
    // (one of them may come out as a noun: "an economic/NN, social, …")
    let lone_words = firsts.iter().all(|t| t.len() == 1);
    let adjectives = firsts
        .iter()
        .filter(|t| t.first().is_some_and(|x| x.tag.is_adjective()))
        .count();
    let lone_adjectives = lone_words && adjectives * 2 >= n - 1;
    let (a, _) = found.spans[n - 1];
    let last = item_toks(found.spans[n - 1]);
    if !lone_words || last.len() < 2 {
        return;
    }
    if last.len() == 2 && last[1].tag.name() == "VBN" && !last[0].tag.is_adjective() {
        // "instability, injustice, and confusion introduced into the
        // public councils": the participle's phrase belongs to every item
        found.spans[n - 1] = (a, last[0].end);
        found.items[n - 1] = last[0].text.to_string();
        found.end = found.end.min(last[0].end);
        return;
    }
    // "a scientific, complete, rich and far-reaching ideological system":
    // the last item's first word is the item, the rest the shared head
    let head_is_noun = last.last().is_some_and(|t| t.tag.is_noun());
    let rest_modifies = last[1..]
        .iter()
        .all(|t| t.tag.is_noun() || t.tag.is_adjective());
    if !lone_adjectives
        || !head_is_noun
        || !rest_modifies
        || last[0].tag.is_proper()
        || last.len() > 2 && !last[0].tag.is_adjective()
    {
        return;
    }
    found.spans[n - 1] = (a, last[0].end);
    found.items[n - 1] = last[0].text.to_string();
    found.end = found.end.min(last[0].end);
}

/// "There are two methods of curing X: …" → "What are the two methods of
/// curing X?": a clause that counts the list and ends at its colon.
fn colon_question(before: &str, n: usize) -> Option<String> {
    let head = before.trim().strip_suffix(':')?.trim();
    let phrase = lists::count_phrase(head, n)?;
    let at = head.find(phrase.as_str())?;
    let lead = fold(&head[..at]);
    let lead = lead.trim();
    // "There are (again) two …", "The two …", or the count opening the clause
    let rest = head[at..].trim();
    let ok = lead.is_empty()
        || lead == "the"
        || lead.starts_with("there are")
        || lead.starts_with("there were");
    if !ok || text::word_count(rest) > 14 || rest.contains([',', ';']) {
        return None;
    }
    Some(format!("What are the {rest}?"))
}

fn card_id(c: &Candidate) -> String {
    let mut h = Sha256::new();
    h.update(c.kind.as_str().as_bytes());
    h.update([0]);
    h.update(c.locator.as_bytes());
    h.update([0]);
    for a in c.answer_items() {
        h.update(select::canon(&a).as_bytes());
        h.update([0]);
    }
    let d = h.finalize();
    format!(
        "{}-{:02x}{:02x}{:02x}{:02x}",
        c.kind.as_str(),
        d[0],
        d[1],
        d[2],
        d[3]
    )
}

/// A short, named heading ("Article 3", "Preamble", "Play 4") is put
/// before each question of its section, so the question says where it
/// belongs. A heading used for several sections ("Checklist") takes the
/// name of the distinctive heading above it; a heading over most of the
/// document (a byline such as "MADISON") locates nothing and is left out.
fn section_prefixes(doc: &Doc) -> Vec<Option<String>> {
    let mut words_in = vec![0usize; doc.sections.len()];
    for b in &doc.blocks {
        if let Some(w) = words_in.get_mut(b.section) {
            *w += text::word_count(&b.text);
        }
    }
    let mut seen: HashMap<String, usize> = HashMap::default();
    for sec in &doc.sections {
        *seen.entry(fold(&sec.title)).or_default() += 1;
    }
    let mut out = Vec::with_capacity(doc.sections.len());
    let mut parent: Option<String> = None;
    for (i, sec) in doc.sections.iter().enumerate() {
        let own = if sec.ordinal || sec.title.is_empty() || words_in[i] * 4 > doc.words {
            None
        } else if let Some(label) = outline::numbered_label(&sec.title) {
            Some(label)
        } else if text::word_count(&sec.title) <= 4 {
            Some(sec.label.clone())
        } else {
            None
        };
        let generic = seen.get(&fold(&sec.title)).copied().unwrap_or(0) > 1;
        if generic {
            out.push(parent.clone().or(own));
        } else {
            parent = own.clone();
            out.push(own);
        }
    }
    out
}

/// Drops a section prefix that holds the answer ("The Corona: The
/// outermost part … is called the ___."): the question stands without it.
fn unprefix_leak(c: &mut Candidate, prefix: Option<&str>) {
    let Some(p) = prefix else { return };
    let Some(rest) = c.front.strip_prefix(p).and_then(|r| r.strip_prefix(": ")) else {
        return;
    };
    let pc = format!(" {} ", select::canon(p));
    if c.answer_items()
        .iter()
        .any(|a| pc.contains(&format!(" {} ", select::canon(a))))
    {
        c.front = text::capitalise(rest);
    }
}

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
fn is_fragment(sentence: &str, toks: &[nlp::Token<'_>]) -> bool {
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
fn lead_in(doc: &Doc, bi: usize) -> Option<&str> {
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
fn show_lead(c: &mut Candidate, lead: &str, prefix: Option<&str>) -> Option<String> {
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
fn show_subject(c: &mut Candidate, sentence: &str, toks: &[nlp::Token<'_>], prefix: Option<&str>) {
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

/// Candidates of a run of blocks that passed the hard filters, and those
/// that did not.
#[derive(Default)]
struct Extracted {
    kept: Vec<Candidate>,
    dropped: Vec<Dropped>,
}

fn extract_blocks(
    doc: &Doc,
    from: usize,
    to: usize,
    ctx: &Ctx<'_>,
    prefixes: &[Option<String>],
) -> Extracted {
    let mut out = Extracted::default();
    for bi in from..to {
        let block = &doc.blocks[bi];
        if matches!(block.kind, BlockKind::Title | BlockKind::Heading) {
            continue;
        }
        for (si, sentence) in block.sentences.iter().enumerate() {
            if text::word_count(sentence) > MAX_SENTENCE_WORDS {
                continue;
            }
            let prev = if si > 0 {
                Some(block.sentences[si - 1].as_str())
            } else {
                bi.checked_sub(1)
                    .and_then(|p| doc.blocks[p].sentences.last())
                    .map(String::as_str)
            };
            let toks = nlp::tag(sentence);
            let at = At {
                block: bi,
                sentence: si,
                locator: &block.locator,
                text: sentence,
                prev,
                prefix: prefixes[block.section].as_deref(),
                toks: &toks,
            };
            let mut cands = Vec::new();
            list_cards(at, &mut cands);
            parallel::frames(at, &mut cands);
            parallel::shared_phrase(at, &mut cands);
            parallel::chains(at, ctx.stems, &mut cands);
            definitions::extract(at, ctx, &mut cands);
            claims::extract(at, ctx, &mut cands);
            gaps::figures(at, &mut cands);
            counts::extract(at, &mut cands);
            gaps::quotes(at, ctx, &mut cands);
            gaps::concepts(at, ctx, &mut cands);
            gaps::names(at, ctx, &mut cands);
            gaps::claims(at, ctx, &mut cands);
            let terms = gaps::terms(at, ctx);
            coordination::pairs(at, &terms, &mut cands);
            coordination::nor_series(at, &terms, &mut cands);
            gaps::key_term(at, &terms, &mut cands);
            let lead = if si == 0 && is_fragment(sentence, &toks) {
                lead_in(doc, bi)
            } else {
                None
            };
            for mut c in cands {
                unprefix_leak(&mut c, at.prefix);
                if c.kind == CardKind::List {
                    show_subject(&mut c, at.text, at.toks, at.prefix);
                }
                let reason = lead.and_then(|lead| show_lead(&mut c, lead, at.prefix));
                match reason.or_else(|| select::reject_reason(&c, ctx)) {
                    Some(reason) => out.dropped.push(Dropped {
                        source: c.locator.clone(),
                        front: c.front.clone(),
                        answer: c.answer_items().join("; "),
                        reason,
                    }),
                    None => out.kept.push(c),
                }
            }
        }
    }
    out
}

/// Builds a deck from a document's text.
pub fn build_deck(input: &str, opts: &BuildOptions) -> std::result::Result<Built, String> {
    let doc = document::parse(input);
    let stems = Stems::default();
    // each block's share of the work is about its length
    let weights: Vec<usize> = doc.blocks.iter().map(|b| b.text.len()).collect();
    let (topic, idf, positions) = topic_and_idf(&doc, &weights);
    // the title, or the document's opening words when it has none (a
    // name there is what the text is about)
    let title = match &doc.title {
        Some(t) => fold(t),
        None => fold(
            &input
                .split_whitespace()
                .take(40)
                .collect::<Vec<_>>()
                .join(" "),
        ),
    };
    let ctx = Ctx {
        stems: &stems,
        topic: &topic,
        idf: &idf,
        positions: &positions,
        title: &title,
    };
    let mut cands: Vec<Candidate> = Vec::new();
    let prefixes = section_prefixes(&doc);
    outline::extract(&doc, &prefixes, &mut cands);
    outline::titled_headings(&doc, &mut cands);
    anaphora::extract(&doc, &prefixes, &mut cands);
    // Extract and filter, block by block, on all cores: each worker has its
    // own stem cache; results are merged in document order, so the output
    // does not depend on the number of threads.
    let results: Vec<Extracted> =
        workers::map_ranges(&weights, Stems::default, |stems, from, to| {
            let ctx = Ctx {
                stems,
                topic: &topic,
                idf: &idf,
                positions: &positions,
                title: &title,
            };
            extract_blocks(&doc, from, to, &ctx, &prefixes)
        });
    let mut dropped = Vec::new();
    let mut kept = Vec::new();
    for c in cands {
        match select::reject_reason(&c, &ctx) {
            Some(reason) => dropped.push(Dropped {
                source: c.locator.clone(),
                front: c.front.clone(),
                answer: c.answer_items().join("; "),
                reason,
            }),
            None => kept.push(c),
        }
    }
    for r in results {
        dropped.extend(r.dropped);
        kept.extend(r.kept);
    }
    let budget = (doc.words / WORDS_PER_CARD).max(6);
    let section_of = |b: usize| doc.blocks.get(b).map_or(0, |x| x.section);
    // a long paragraph holds more facts than a short one
    let per_block = |b: usize| {
        doc.blocks.get(b).map_or(PER_BLOCK, |x| {
            PER_BLOCK.max(text::word_count(&x.text) / WORDS_PER_CARD)
        })
    };
    let mut chosen = select::select(kept, budget, &per_block, &section_of, &mut dropped);
    debug_assert!(chosen.len() <= (doc.words / MIN_WORDS_PER_CARD).max(8));
    select::sort_in_document_order(&mut chosen);
    if chosen.is_empty() {
        return Err("no cards could be made from this document (it needs sentences with lists, figures, quotations or short claims)".into());
    }

    let title = doc
        .title
        .as_deref()
        .map(|t| t.split(" (").next().unwrap_or(t).trim().to_string());
    let name = opts
        .name
        .clone()
        .or(title)
        .or_else(|| opts.source_name.clone())
        .unwrap_or_else(|| "Untitled deck".into());
    let mut seen_ids: HashMap<String, usize> = HashMap::default();
    let mut explained = Vec::with_capacity(chosen.len());
    let cards = chosen
        .into_iter()
        .map(|c| {
            let base = card_id(&c);
            let n = seen_ids.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            explained.push(Explained {
                id: id.clone(),
                rule: c.origin,
                score: c.score,
            });
            CardContent {
                id,
                kind: c.kind,
                front: c.front,
                back: c.back,
                items: c.items,
                ordered: c.ordered,
                source: c.locator,
                context: c.context,
                tags: vec![],
            }
        })
        .collect();
    Ok(Built {
        deck: Deck {
            meta: DeckMeta {
                id: slug(&name),
                name,
                source: opts.source_name.clone(),
            },
            cards,
        },
        explained,
        dropped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ESSAY: &str = "Keeping Bees\n\nFirst, know the colony.\n\n\
        A colony has three castes: queens, workers and drones. The queen lays up to 2,000 eggs a day.\n\n\
        Second, tend the hive.\n\n\
        (1) In spring, the keeper checks food, brood and space.\n\n\
        (2) In summer, the keeper adds supers.\n\n\
        Honey, wax, pollen, propolis and royal jelly are the products of the hive.\n";

    #[test]
    fn a_first_item_that_runs_back_into_the_sentence_is_cut() {
        let s = "The water moves by the physical processes of evaporation, condensation, precipitation and infiltration.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "evaporation");
        assert!(
            s[..found.start].ends_with("processes of "),
            "{}",
            &s[..found.start]
        );
        let s = "Monitor performance in real-time (e.g. response time, latency, throughput, and error rates).";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "response time", "{:?}", found.items);
        // a term is never cut, only the frame around it
        let s = "At the same time, the multi-polarization of the world, economic globalization, social informatization and cultural diversity are developing.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(
            found.items[0], "multi-polarization of the world",
            "{:?}",
            found.items
        );
        // a count before the items is no item ("two variables, x and y")
        let s = "We now have two variables, x and y, and both equal 5.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items, ["x", "y"]);
        assert!(s[..found.start].ends_with("two variables, "));
        let s = "After one year from the ratification of this article the manufacture, sale, or transportation of intoxicating liquors is prohibited.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items, ["manufacture", "sale", "transportation"]);
        assert!(s[found.end..].starts_with(" of intoxicating liquors"));
        let s = "The Republic of China, France, the Union of Soviet Socialist Republics, the United Kingdom of Great Britain and Northern Ireland, and the United States of America shall be permanent members.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "Republic of China", "{:?}", found.items);
        // a repeated preposition stays in the question; a catch-all is no item
        let s = "A rage for paper money, for an abolition of debts, for an equal division of property, or for any other improper or wicked project, will pass.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items.len(), 3, "{:?}", found.items);
        assert!(
            s[..found.start].ends_with("rage for "),
            "{}",
            &s[..found.start]
        );
        assert!(s[found.end..].starts_with(", or for any other"));
        let s = "Settle disputes in conformity with the principles of justice and international law, adjustment or settlement of disputes.";
        if let Some(mut found) = lists::find(s).into_iter().next() {
            assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        }
        let s = "They put forward concepts such as the Five Principles, the establishment of a new international political and economic order, the path of peaceful development, and a harmonious world.";
        if let Some(mut found) = lists::find(s).into_iter().next() {
            assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        }
        // only separators between items
        let s = "Buddha was then teaching in India and Lao Tse and Confucius in China.";
        let span = |w: &str| {
            let a = s.find(w).unwrap();
            (a, a + w.len())
        };
        let mut found = lists::Found {
            start: span("India").0,
            end: span("Confucius").1,
            items: vec!["India".into(), "Confucius".into()],
            spans: vec![span("India"), span("Confucius")],
            numbered: false,
        };
        assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        // "A and B, C and D" pairs items: no list
        let s = "The connection subsists between his reason and his self-love, his opinions and his passions.";
        if let Some(mut found) = lists::find(s).into_iter().next() {
            assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        }
        // a compound first item without a function word stays whole
        let s = "This includes bringing in seasoned product managers, engineers, and designers.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "seasoned product managers");
    }

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

    #[test]
    fn which_named_body_acts_is_asked_in_each_article() {
        let doc = "Charter of the League\n\nArticle 1\n\nMembers may be expelled from the League by the General Assembly upon the recommendation of the Security Council.\n\n\
            Article 2\n\nSpecial sessions of the League shall be convoked by the Secretary-General at the request of the Security Council.\n\n\
            Article 3\n\nThe budget of the League shall be approved each year by the General Assembly after a public debate.\n\n\
            Article 4\n\nThe General Assembly and the Security Council shall each elect their own presidents.\n\n\
            Article 5\n\nThe Security Council shall meet in permanent session at the seat of the League.\n\n\
            Article 6\n\nThe rules of procedure of the League are adopted by the General Assembly in plenary session.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        let assembly = built
            .deck
            .cards
            .iter()
            .filter(|c| c.back == "General Assembly")
            .count();
        assert!(
            assembly >= 2,
            "{:?}",
            built
                .deck
                .cards
                .iter()
                .map(|c| (&c.front, &c.back))
                .collect::<Vec<_>>()
        );
        // the name in the title is the topic, never an answer
        assert!(!built.deck.cards.iter().any(|c| c.back == "League"));
    }

    #[test]
    fn a_marked_pair_is_asked_from_its_lead_in() {
        let doc = "Faction\n\nThere are two methods of curing the mischiefs of faction: the one, by removing its causes; the other, by controlling its effects.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        let list = built
            .deck
            .cards
            .iter()
            .find(|c| c.kind == CardKind::List)
            .expect("a list card");
        assert_eq!(
            list.front,
            "What are the two methods of curing the mischiefs of faction?"
        );
        assert_eq!(
            list.items,
            ["by removing its causes", "by controlling its effects"]
        );
    }

    #[test]
    fn adjectives_sharing_a_head_noun_leave_it_in_the_question() {
        let s = "Members cooperate in solving problems of an economic, social, cultural, or humanitarian character.";
        let toks = nlp::tag(s);
        let mut found = lists::find(s).into_iter().next().unwrap();
        shared_head(&toks, &mut found);
        assert_eq!(
            found.items,
            ["economic", "social", "cultural", "humanitarian"]
        );
        assert!(
            s[found.end..].starts_with(" character"),
            "{}",
            &s[found.end..]
        );
        // noun phrases keep their heads
        let s = "The ports were Tyre, Sidon, and the great city of Carthage.";
        let toks = nlp::tag(s);
        let mut found = lists::find(s).into_iter().next().unwrap();
        let before = found.items.clone();
        shared_head(&toks, &mut found);
        assert_eq!(found.items, before);
    }

    #[test]
    fn builds_lists_outlines_and_figures() {
        let b = build_deck(ESSAY, &BuildOptions::default()).unwrap();
        let answers: Vec<String> = b.deck.cards.iter().map(|c| c.answer_text()).collect();
        assert!(
            answers.iter().any(|a| a == "queens; workers; drones"),
            "{answers:?}"
        );
        assert!(
            answers.iter().any(|a| a.starts_with("2,000")),
            "{answers:?}"
        );
        assert!(
            b.deck.cards.iter().any(|c| c.kind == CardKind::List
                && c.front.starts_with("What are the products of the hive?")),
            "{:#?}",
            b.deck.cards
        );
        assert_eq!(b.deck.meta.name, "Keeping Bees");
        assert_eq!(b.deck.meta.id, "keeping-bees");
    }

    #[test]
    fn no_answer_leaks_into_its_question() {
        let b = build_deck(ESSAY, &BuildOptions::default()).unwrap();
        for c in &b.deck.cards {
            for a in c.expected_items() {
                assert!(
                    !format!(" {} ", select::canon(&c.front))
                        .contains(&format!(" {} ", select::canon(&a))),
                    "{c:?}"
                );
            }
        }
    }

    /// (question, answer) of every card built from `doc`.
    fn cards_of(doc: &str) -> Vec<(String, String)> {
        build_deck(doc, &BuildOptions::default())
            .unwrap()
            .deck
            .cards
            .iter()
            .map(|c| (c.front.clone(), c.answer_text()))
            .collect()
    }

    #[test]
    fn bullet_lists_are_asked_from_their_lead_in() {
        let cards = cards_of(
            "Water\n\nThe Cycle\n\nWater moves between the oceans, the air and the land all year round.\n\n\
             Human activities that alter the water cycle include:\n\n\
             - agriculture\n- construction of dams\n- deforestation\n- urbanization\n\n\
             Ownership Rules\n\nKeep these rules in mind as we work through the examples:\n\n\
             - Each value in Rust has an owner.\n- There can only be one owner at a time.\n\
             - When the owner goes out of scope, the value will be dropped.\n",
        );
        assert!(
            cards.iter().any(|(q, a)| q
                .ends_with("What do human activities that alter the water cycle include?")
                && a.contains("construction of dams")),
            "{cards:#?}"
        );
        assert!(
            cards
                .iter()
                .any(|(q, a)| q.ends_with("What are the three ownership rules?")
                    && a.contains("There can only be one owner at a time")),
            "{cards:#?}"
        );
    }

    #[test]
    fn cards_that_lean_on_what_came_before_are_dropped() {
        let cards = cards_of(
            "Treaties\n\nThereupon Congress shall decide the issue within forty-eight hours. \
             Many programming languages make you think about the stack and the heap very often.\n",
        );
        for (q, a) in &cards {
            assert!(!a.contains("forty-eight"), "{q}");
            assert!(!q.starts_with("Thereupon"), "{q}");
            assert!(!(q.contains("the stack and the ___") && a == "heap"), "{q}");
        }
    }

    #[test]
    fn definitions_are_asked_both_ways() {
        let cards = cards_of(
            "Stars\n\nThe Sun is a star. The Sun is a ball of hot gas. The Sun gives light. \
             The Sun gives energy. Stars shine with light and energy from hot gas.\n\n\
             The photosphere is the visible surface of the Sun. \
             The outermost layer of the solar atmosphere is called the corona. \
             When hot gas rises in cells across the surface, it is called granulation. \
             Sunspots come and go over an eleven-year cycle of solar activity.\n",
        );
        let has = |q: &str, a: &str| cards.iter().any(|(f, b)| f.contains(q) && b == a);
        assert!(
            has("What is the photosphere?", "the visible surface of the Sun")
                || has("The ___ is the visible surface of the Sun", "photosphere"),
            "{cards:#?}"
        );
        assert!(has("is called the ___", "corona"), "{cards:#?}");
        assert!(
            has(
                "What is it called when hot gas rises in cells across the surface?",
                "granulation"
            ),
            "{cards:#?}"
        );
    }

    #[test]
    fn claims_figures_and_reasons() {
        let cards = cards_of(
            "Rules\n\nPortable extinguishers shall be visually inspected monthly by the employer. \
             The Security Council shall consist of fifteen Members of the United Nations. \
             No man is allowed to be a judge in his own cause, because his interest would bias his judgment. \
             The latent causes of faction are thus sown in the nature of man.\n",
        );
        let has = |q: &str, a: &str| cards.iter().any(|(f, b)| f.contains(q) && b == a);
        assert!(has("inspected ___ by", "monthly"), "{cards:#?}");
        assert!(
            has("consist of ___ of the United", "fifteen Members"),
            "{cards:#?}"
        );
        assert!(
            has(
                "Why is no man allowed to be a judge in his own cause?",
                "his interest would bias his judgment"
            ),
            "{cards:#?}"
        );
    }

    #[test]
    fn numbered_headings_lead_ins_and_anaphora() {
        let cards = cards_of(
            "The Charter\n\nWE THE PEOPLES DETERMINED\n\n\
             to save succeeding generations from the scourge of war,\n\n\
             to reaffirm faith in fundamental human rights,\n\n\
             to promote social progress and better standards of life,\n\n\
             HAVE RESOLVED TO COMBINE OUR EFFORTS.\n\n\
             Play 4: Build the service using agile and iterative practices\n\n\
             We should use an incremental, fast-paced style of software development to reduce the risk of failure.\n",
        );
        let list = cards
            .iter()
            .find(|(f, _)| f.starts_with("WE THE PEOPLES DETERMINED to ___ (3 items)"));
        assert!(
            list.is_some_and(|(_, a)| a.starts_with("save succeeding generations")),
            "{cards:#?}"
        );
        assert!(
            cards
                .iter()
                .any(|(f, a)| f.ends_with("what is the title of Play 4?")
                    && a == "Build the service using agile and iterative practices"),
            "{cards:#?}"
        );
    }

    #[test]
    fn questions_that_lean_on_other_sentences_are_dropped() {
        let b = build_deck(
            "Notes\n\nThe compiler checks ownership rules at compile time in every program. \
             Rust uses a third approach: memory is managed through a system of ownership. \
             It frees the memory when the owner goes out of scope in the program. \
             One reason is the immutability of string literals in compiled programs.\n",
            &BuildOptions::default(),
        )
        .unwrap();
        for c in &b.deck.cards {
            assert!(!c.front.starts_with("It "), "{c:?}");
            assert!(!c.front.starts_with("One reason"), "{c:?}");
        }
        assert!(!b.deck.cards.is_empty());
        // the pronoun and "One reason" sentences were candidates, and were dropped
        assert!(
            b.dropped.iter().any(|d| d.front.starts_with("One reason")),
            "{:#?}",
            b.dropped
        );
    }

    #[test]
    fn lists_longer_than_seven_are_split() {
        assert_eq!(chunk_sizes(5), vec![5]);
        assert_eq!(chunk_sizes(8), vec![5, 3]);
        assert_eq!(chunk_sizes(9), vec![6, 3]);
        assert_eq!(chunk_sizes(13), vec![5, 5, 3]);
        assert!(chunk_sizes(40).iter().all(|&n| (3..=6).contains(&n)));
        assert_eq!(chunk_sizes(40).iter().sum::<usize>(), 40);
    }

    #[test]
    fn ids_depend_on_kind_place_and_answer() {
        let a = build_deck(ESSAY, &BuildOptions::default()).unwrap();
        let b = build_deck(
            &ESSAY.replace("adds supers", "adds boxes"),
            &BuildOptions::default(),
        )
        .unwrap();
        let ids = |d: &Built, loc: &str| -> Vec<String> {
            d.deck
                .cards
                .iter()
                .filter(|c| c.source != loc)
                .map(|c| c.id.clone())
                .collect()
        };
        // the edit may free a place in the deck for another card, but no
        // card elsewhere changes its id
        let (ia, ib) = (ids(&a, "II.(2)"), ids(&b, "II.(2)"));
        assert!(ia.len() >= 5, "{ia:?}");
        for id in &ia {
            assert!(ib.contains(id), "{id} lost: {ia:?} vs {ib:?}");
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Universal Declaration of Human Rights"),
            "universal-declaration-of-human-rights"
        );
        assert_eq!(slug("¿¡!"), "deck");
        assert!(slug(&"word ".repeat(40)).len() <= 48);
    }

    fn arb_text() -> impl Strategy<Value = String> {
        let atoms = prop::sample::select(vec![
            "the",
            "and",
            "or",
            "of",
            "five",
            "aspects",
            ":",
            ";",
            ",",
            ".",
            "(1)",
            "(2)",
            "1.",
            "First,",
            "Second,",
            "\"",
            "\u{201c}",
            "\u{201d}",
            "30%",
            "2016",
            "3.69 trillion",
            "It",
            "They",
            "is",
            "are",
            "\n",
            "\n\n",
            "# Head",
            "- item",
            "Peace",
            "war",
            "without",
            "such as",
            "including",
            "é",
            "’s",
            "—",
            "",
            "   ",
        ]);
        prop::collection::vec(atoms, 0..120).prop_map(|v| v.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_and_is_deterministic(text in arb_text()) {
            let a = build_deck(&text, &BuildOptions::default());
            let b = build_deck(&text, &BuildOptions::default());
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    let ta = crate::deckfile::to_toml(&a.deck);
                    prop_assert_eq!(&ta, &crate::deckfile::to_toml(&b.deck));
                    // whatever we write, we can read back
                    let parsed = crate::deckfile::parse(Path::new("x.toml"), ta.as_bytes());
                    prop_assert!(parsed.is_ok(), "{:?}", parsed.err());
                }
                (Err(_), Err(_)) => {}
                _ => prop_assert!(false, "nondeterministic"),
            }
        }
    }
}
