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

pub mod ambiguity;
pub mod anaphora;
pub mod byline;
pub mod candidate;
pub mod claims;
pub mod context;
pub mod coordination;
pub mod counts;
pub mod definitions;
pub mod document;
pub mod frame;
pub mod gaps;
pub mod list_cards;
pub mod lists;
pub mod nlp;
pub mod outline;
pub mod parallel;
pub mod provisions;
pub mod select;
pub mod series;
pub mod text;
pub mod workers;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck, DeckMeta};
use candidate::Candidate;
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

/// Runs `f` with the filters' context (topic, idf, phrase index) of the
/// text `doc`, for unit tests of the rules that need it.
#[cfg(test)]
pub(crate) fn with_ctx(doc: &str, f: impl FnOnce(&gaps::Ctx<'_>)) {
    let parsed = document::parse(doc);
    let weights: Vec<usize> = parsed.blocks.iter().map(|b| b.text.len()).collect();
    let (topic, idf, positions) = topic_and_idf(&parsed, &weights);
    let stems = text::Stems::default();
    f(&gaps::Ctx {
        stems: &stems,
        topic: &topic,
        idf: &idf,
        positions: &positions,
        title: "",
    });
}

/// The topic stems, the idf of every stem and the phrase index, counted on
/// all cores.
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

/// A short, named heading ("Article 3", "Preamble", "Play 4", up to six
/// words: "Method Names and Instance Variables") is put
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
        } else if text::word_count(&sec.title) <= 6 {
            // (the whole title: the label is cut to 40 characters for
            // `source` fields, "… Interacting with Clon")
            Some(sec.title.trim_end_matches(['.', ':']).trim().to_string())
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
            let sentence = text::strip_label(sentence);
            if text::word_count(sentence) > MAX_SENTENCE_WORDS {
                continue;
            }
            let prev = if si > 0 {
                // "The army of Xerxes was … It was a huge assembly … It
                // crossed the Dardanelles …": sentences that go on with
                // the same pronoun share the antecedent of the first
                let first = |s: &str| text::first_word(s).map(|w| fold(w.text));
                let pronoun =
                    first(sentence).filter(|w| matches!(w.as_str(), "it" | "he" | "she" | "they"));
                let mut k = si - 1;
                while k > 0
                    && si - k < 3
                    && pronoun.is_some()
                    && first(&block.sentences[k]) == pronoun
                {
                    k -= 1;
                }
                Some(text::strip_label(&block.sentences[k]))
            } else {
                bi.checked_sub(1)
                    .and_then(|p| doc.blocks[p].sentences.last())
                    .map(|s| text::strip_label(s))
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
            list_cards::list_cards(at, &mut cands);
            parallel::frames(at, &mut cands);
            parallel::shared_phrase(at, &mut cands);
            parallel::chains(at, ctx.stems, &mut cands);
            definitions::extract(at, ctx, &mut cands);
            claims::extract(at, ctx, &mut cands);
            gaps::figures(at, &mut cands);
            counts::extract(at, &mut cands);
            provisions::extract(at, &mut cands);
            gaps::quotes(at, ctx, &mut cands);
            gaps::concepts(at, ctx, &mut cands);
            gaps::names(at, ctx, &mut cands);
            gaps::claims(at, ctx, &mut cands);
            let terms = gaps::terms(at, ctx);
            coordination::pairs(at, &terms, &mut cands);
            coordination::nor_series(at, &terms, &mut cands);
            gaps::key_term(at, &terms, &mut cands);
            let lead = if si == 0 && context::is_fragment(sentence, &toks) {
                context::lead_in(doc, bi)
            } else {
                None
            };
            for mut c in cands {
                unprefix_leak(&mut c, at.prefix);
                context::drop_restatement(&mut c);
                context::reword_gloss(&mut c);
                context::trim_dangling_end(&mut c);
                if c.kind == CardKind::List {
                    context::show_subject(&mut c, at.text, at.toks, at.prefix);
                    context::resolve_of_it(&mut c, at.prev);
                }
                let reason = lead.and_then(|lead| context::show_lead(&mut c, lead, at.prefix));
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
    definitions::glossary(&doc, &mut cands);
    byline::extract(&doc, &mut cands);
    anaphora::extract(&doc, &prefixes, &mut cands);
    anaphora::stages(&doc, &prefixes, &mut cands);
    anaphora::rhetorical(&doc, &prefixes, &mut cands);
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
    // a gap whose words the text fills otherwise elsewhere is vague
    let frames = ambiguity::Frames::new(&doc);
    kept.retain(|c| match frames.other_filling(c) {
        Some(other) => {
            dropped.push(Dropped {
                source: c.locator.clone(),
                front: c.front.clone(),
                answer: c.answer_items().join("; "),
                reason: format!("the text fills the same words with '{other}' elsewhere"),
            });
            false
        }
        None => true,
    });
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

    /// The questions of a built deck, to show when a test fails.
    fn fronts(built: &Built) -> Vec<&str> {
        built.deck.cards.iter().map(|c| c.front.as_str()).collect()
    }

    const ESSAY: &str = "Keeping Bees\n\nFirst, know the colony.\n\n\
        A colony has three castes: queens, workers and drones. The queen lays up to 2,000 eggs a day.\n\n\
        Second, tend the hive.\n\n\
        (1) In spring, the keeper checks food, brood and space.\n\n\
        (2) In summer, the keeper adds supers.\n\n\
        Honey, wax, pollen, propolis and royal jelly are the products of the hive.\n";

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
            .filter(|c| {
                c.back == "General Assembly" || c.back.starts_with("by the General Assembly")
            })
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
    fn sentences_going_on_with_one_pronoun_share_its_antecedent() {
        let doc = "Wars\n\nThe army of Xerxes was the greatest that had been assembled. It was a huge assembly of discordant elements. It crossed the Dardanelles, 480 B.C., by a bridge of boats.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        let fronts = fronts(&built);
        // the date set off by commas is asked, of the army, not of "It"
        assert!(
            built.deck.cards.iter().any(|c| c.back == "480 B.C."
                && c.front
                    .starts_with("The army of Xerxes crossed the Dardanelles, ___,")),
            "{fronts:?}"
        );
    }

    #[test]
    fn figures_compared_in_a_pointing_sentence_show_the_sentence_before() {
        let doc = "The Sun\n\nAbove the core is a region known as the radiative zone. This region starts at about 25% of the distance to the surface and extends up to about 70% of the way to the surface.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        let c = built
            .deck
            .cards
            .iter()
            .find(|c| c.items == ["25%", "70%"])
            .expect("one card for both figures");
        assert!(
            c.front.starts_with("Above the core is a region known as the radiative zone. This region starts at about ___"),
            "{}",
            c.front
        );
    }

    #[test]
    fn a_rhetorical_copula_asks_what_it_asserts() {
        let doc = "Sayings\n\nThe superior man bends his attention to what is radical. Filial piety and fraternal submission!-- are they not the root of all benevolent actions?'\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        assert!(
            built.deck.cards.iter().any(|c| c.front
                == "What are the root of all benevolent actions? (2 items)"
                && c.answer_text() == "Filial piety; fraternal submission"),
            "{:?}",
            fronts(&built)
        );
    }

    #[test]
    fn a_long_heading_names_its_questions_whole() {
        let doc = "Ownership\n\nIntro text that is long enough to be a paragraph of its own here.\n\nThe Stack\n\nThe stack stores values in the order it gets them and removes them in the opposite order.\n\nThe Heap\n\nThe heap is less organized: you request a certain amount of space from the allocator.\n\nVariables and Data Interacting with Copies\n\nThe heap data is copied by a common method called cloning in the language.\n\nOther Things\n\nSome more text about the stack and the heap in this section.\n\nLast Things\n\nAnd a last paragraph about the memory allocator and the pointer it returns.\n";
        let prefixes = section_prefixes(&document::parse(doc));
        assert!(
            prefixes
                .iter()
                .flatten()
                .any(|p| p == "Variables and Data Interacting with Copies"),
            "{prefixes:?}"
        );
    }

    #[test]
    fn an_adjective_is_no_definition() {
        let doc = "Nations\n\nChina is confident and capable of making greater contributions to the world. \
                   The ancient Silk Road ran for about 6,400 kilometers across Asia.\n";
        let built = build_deck(doc, &BuildOptions::default()).unwrap();
        assert!(
            !built
                .deck
                .cards
                .iter()
                .any(|c| c.front.starts_with("What is China")),
            "{:?}",
            fronts(&built)
        );
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
        // what a body consists of is asked as a question
        assert!(
            has(
                "What shall the Security Council consist of?",
                "fifteen Members of the United Nations"
            ),
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
        assert_eq!(list_cards::chunk_sizes(5), vec![5]);
        assert_eq!(list_cards::chunk_sizes(8), vec![5, 3]);
        assert_eq!(list_cards::chunk_sizes(9), vec![6, 3]);
        assert_eq!(list_cards::chunk_sizes(13), vec![5, 5, 3]);
        assert!(list_cards::chunk_sizes(40)
            .iter()
            .all(|&n| (3..=6).contains(&n)));
        assert_eq!(list_cards::chunk_sizes(40).iter().sum::<usize>(), 40);
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
