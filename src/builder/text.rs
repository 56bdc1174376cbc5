//! Text utilities for the builder: words, sentences, stems, small lexicons.
//! Pure and language-specific (English).

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Function words: never a gap, never counted as content.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hence",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "whereas",
    "thereby",
    "herein",
    "also",
    "well",
    "many",
    "much",
    "like",
    "via",
    "per",
    "among",
    "across",
    "through",
    "throughout",
    "toward",
    "towards",
    "onto",
    "ere",
];

/// Verbs and auxiliaries that end a list item or a subject (a small lexicon
/// of forms common in expository prose; no tagger needed).
pub const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "shall",
    "should",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "do",
    "does",
    "did",
    "means",
    "mean",
    "include",
    "includes",
    "including",
    "comprises",
    "comprise",
    "contains",
    "contain",
    "consists",
    "consist",
    "signifies",
    "signify",
    "stands",
    "stand",
    "covers",
    "involves",
    "requires",
    "require",
    "becomes",
    "become",
    "became",
    "remains",
    "remain",
    "makes",
    "make",
    "made",
    "gives",
    "give",
    "gave",
    "brings",
    "bring",
    "breeds",
    "produces",
    "produce",
    "leads",
    "lead",
    "needs",
    "need",
    "calls",
    "call",
    "seeks",
    "seek",
    "holds",
    "hold",
    "represents",
    "represent",
    "refers",
    "refer",
    "provides",
    "provide",
    "promotes",
    "promote",
    "builds",
    "build",
    "opens",
    "respects",
    "respect",
    "reflects",
    "reflect",
    "adapts",
    "points",
    "inherits",
    "carries",
    "conforms",
    "responds",
    "draws",
    "condenses",
    "shows",
    "show",
    "says",
    "said",
    "says",
    "declared",
    "declares",
    "pointed",
    "put",
    "puts",
    "forms",
    "forming",
    "entitled",
    "subjected",
    "according",
    "depends",
    "depend",
    "lies",
    "lie",
    "enjoy",
    "enjoys",
    "develop",
    "develops",
    "ensure",
    "ensures",
    "serve",
    "serves",
];

/// Words that start a trailing phrase an item can lose when it is too long.
pub const TRAILING_CUTS: &[&str] = &[
    "in",
    "at",
    "among",
    "within",
    "for",
    "through",
    "throughout",
    "across",
    "beyond",
    "under",
    "during",
    "into",
    "by",
    "which",
    "that",
    "who",
    "whose",
    "where",
    "so",
    "from",
    "without",
    "to",
    "on",
    "with",
    "as",
    "between",
    "before",
    "after",
    "than",
    "of",
];

/// Words that introduce a list after a head noun or verb.
pub const LIST_CUES: &[&str] = &[
    "of",
    "such as",
    "including",
    "namely",
    "like",
    "to",
    "for",
    "from",
    "as",
    "on",
    "in",
    "by",
    "with",
    "between",
    "is",
    "are",
    "be",
    "into",
    "against",
    "upon",
];

/// Everyday words that make poor gaps: anyone fills them from the sentence
/// ("has ___ made", "the ___ meaning"). Adverbs in -ly are caught by suffix.
pub const GENERAL_WORDS: &[&str] = &[
    "always",
    "never",
    "often",
    "still",
    "already",
    "again",
    "almost",
    "various",
    "several",
    "fundamental",
    "important",
    "major",
    "great",
    "good",
    "better",
    "best",
    "new",
    "old",
    "main",
    "basic",
    "whole",
    "general",
    "common",
    "different",
    "same",
    "other",
    "certain",
    "further",
    "painful",
    "profound",
    "extensive",
    "increasing",
    "strong",
    "large",
    "small",
    "high",
    "low",
    "long",
    "short",
    "full",
    "real",
    "true",
    "clear",
    "present",
    "current",
    "future",
    "past",
    "world",
    "people",
    "things",
    "thing",
    "way",
    "ways",
    "time",
    "times",
    "part",
    "parts",
    "kind",
    "kinds",
    "number",
    "place",
    "case",
    "fact",
    "point",
    "level",
    "area",
    "side",
    "drawbacks",
    "problems",
    "issues",
    "aspects",
    "efforts",
    "results",
    "matters",
    "factors",
    "key",
    "role",
    "roles",
    "basis",
    "means",
    "process",
    "situation",
    "direction",
];

/// Whether `w` is an everyday word (see [`GENERAL_WORDS`]).
pub fn is_general(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    in_set(w, set(&S, GENERAL_WORDS))
}

/// Number words for counted lists.
pub const NUMBER_WORDS: &[(&str, usize)] = &[
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// Ordinal words that start document parts ("First, ...").
pub const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth",
];

/// Pronouns a question must not start with (unresolved antecedent).
pub const PRONOUNS: &[&str] = &[
    "it", "this", "they", "these", "those", "that", "he", "she", "its", "their", "such", "them",
];

/// A name of several words ("General Assembly", "Republic of China"):
/// every word capitalised or a function word, the first not one.
pub fn is_multiword_name(s: &str) -> bool {
    let ws = words(s);
    ws.len() >= 2
        && ws
            .iter()
            .all(|w| w.text.starts_with(char::is_uppercase) || is_stop(w.text))
        && ws.first().is_some_and(|w| !is_stop(w.text))
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "cf", "no",
    "art", "fig", "vol", "pp", "p", "ch", "sec", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "inc", "ltd", "co", "gen", "col",
    "lt", "sgt", "capt", "rev", "hon", "approx", "dept", "est", "ca", "al", "a.k.a", "viz",
];

/// Lowercase, with typographic quotes and dashes mapped to ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// [`fold`] into a reused buffer (cleared first), for hot loops.
pub fn fold_into(s: &str, out: &mut String) {
    out.clear();
    fold_push(s, out);
}

/// [`fold`] appended to `out`.
pub fn fold_push(s: &str, out: &mut String) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
        return;
    }
    out.reserve(s.len());
    for c in s.chars() {
        match c {
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{2018}' | '\u{2019}' | '\u{201b}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            '\u{2010}'..='\u{2014}' => out.push('-'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// A set of short lowercase words, each packed into a `u128` (16 bytes at
/// most): looking a word up costs no allocation and a two-word hash.
pub struct WordSet(FxHashSet<u128>);

/// `w`'s bytes, lowercased, as a number; `None` beyond 16 bytes.
fn pack(w: &[u8]) -> Option<u128> {
    if w.len() > 16 {
        return None;
    }
    let mut k = 0u128;
    for (i, c) in w.iter().enumerate() {
        k |= u128::from(c.to_ascii_lowercase()) << (8 * i);
    }
    Some(k)
}

fn set(cell: &'static OnceLock<WordSet>, words: &'static [&'static str]) -> &'static WordSet {
    // words over 16 bytes could never be looked up, so they are left out
    cell.get_or_init(|| WordSet(words.iter().filter_map(|w| pack(w.as_bytes())).collect()))
}

/// Whether `w`, folded and without surrounding punctuation, is in `set`.
fn in_set(w: &str, set: &WordSet) -> bool {
    let b = w.as_bytes();
    // words from [`words`] rarely need trimming
    let t = if b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        w
    } else {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    };
    if t.len() > 16 {
        return false;
    }
    let key = if t.is_ascii() {
        pack(t.as_bytes())
    } else {
        pack(fold(t).as_bytes())
    };
    key.is_some_and(|k| set.0.contains(&k))
}

/// Whether `w` folds to `lower` (an already lowercase ASCII word), without
/// allocating when `w` is ASCII.
pub fn eq_fold(w: &str, lower: &str) -> bool {
    if w.is_ascii() {
        w.eq_ignore_ascii_case(lower)
    } else {
        fold(w) == lower
    }
}

/// Whether `w` (any case) is a function word.
pub fn is_stop(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    in_set(w, set(&S, STOP_WORDS))
}

/// Whether `w` is in the verb lexicon.
pub fn is_verb(w: &str) -> bool {
    static S: OnceLock<WordSet> = OnceLock::new();
    in_set(w, set(&S, VERBS))
}

/// The value of a number word or digits ("five", "5").
pub fn number_value(w: &str) -> Option<usize> {
    let w = fold(w);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if let Ok(n) = w.parse::<usize>() {
        return (2..=50).contains(&n).then_some(n);
    }
    NUMBER_WORDS.iter().find(|(s, _)| *s == w).map(|(_, n)| *n)
}

/// A word token with its byte span in the source string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Splits on whitespace, trimming surrounding punctuation (keeps `-`, `'`,
/// `%` and inner `.`), with byte spans.
pub fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    scan_words(s, |start, end| {
        out.push(Word {
            text: &s[start..end],
            start,
            end,
        })
    });
    out
}

/// The first of [`words`]`(s)`, without tokenizing the rest.
pub fn first_word(s: &str) -> Option<Word<'_>> {
    let base = s.as_ptr() as usize;
    s.split_whitespace().find_map(|tok| {
        let at = tok.as_ptr() as usize - base;
        let mut found = None;
        scan_words(tok, |a, b| {
            if found.is_none() {
                found = Some((a, b));
            }
        });
        let (a, b) = found?;
        Some(Word {
            text: &s[at + a..at + b],
            start: at + a,
            end: at + b,
        })
    })
}

/// Number of words in `s` (as [`words`] would find them, without allocating).
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    scan_words(s, |_, _| n += 1);
    n
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const KEEP: u8 = 2;

/// Character classes of ASCII bytes: whitespace, word characters
/// (letters, digits, `%`), other.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [OTHER; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else if c.is_ascii_alphanumeric() || c == b'%' {
            KEEP
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// One pass over `s`: for every whitespace-separated token that holds a
/// word character, calls `emit` with the span from its first to its last
/// word character. ASCII bytes are classified by table, without decoding.
#[inline]
fn scan_words(s: &str, mut emit: impl FnMut(usize, usize)) {
    let b = s.as_bytes();
    let mut first = usize::MAX;
    let mut last = 0;
    let mut i = 0;
    while i < b.len() {
        let (class, len) = match ASCII_CLASS.get(b[i] as usize) {
            Some(&c) => (c, 1),
            None => {
                let c = s[i..].chars().next().unwrap_or(' ');
                let class = if c.is_whitespace() {
                    SPACE
                } else if c.is_alphanumeric() {
                    KEEP
                } else {
                    OTHER
                };
                (class, c.len_utf8())
            }
        };
        if class == SPACE {
            if first != usize::MAX {
                emit(first, last);
                first = usize::MAX;
            }
        } else if class == KEEP {
            if first == usize::MAX {
                first = i;
            }
            last = i + len;
        }
        i += len;
    }
    if first != usize::MAX {
        emit(first, last);
    }
}

/// Whether the text before a lone letter ends in a number ("10,000 K").
fn after_number(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    words.next();
    words
        .next()
        .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// Whether `rest` starts with a word that opens sentences and is no name.
fn opens_sentence(rest: &str) -> bool {
    let w = rest
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        w,
        "The"
            | "This"
            | "These"
            | "That"
            | "Those"
            | "It"
            | "Its"
            | "In"
            | "A"
            | "An"
            | "They"
            | "We"
            | "He"
            | "She"
            | "There"
            | "When"
            | "If"
            | "For"
            | "But"
            | "As"
            | "On"
            | "At"
            | "However"
            | "Thus"
            | "So"
    )
}

/// Splits a paragraph into sentences, not at abbreviations, initials,
/// decimals or inside quotes that continue the sentence.
pub fn sentences(p: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // absorb closing quotes/brackets
            let mut j = i + 1;
            while j < chars.len()
                && matches!(chars[j].1, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')')
            {
                j += 1;
            }
            let at_end = j >= chars.len();
            let followed_by_space = !at_end && chars[j].1.is_whitespace();
            if at_end || followed_by_space {
                // next non-space char
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next = chars.get(k).map(|x| x.1);
                let starts_sentence = next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '\u{201c}' | '(' | '\'' | '\u{2018}')
                });
                let word_before = p[start..pos]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("");
                let wb = fold(word_before);
                // a lone letter is an initial ("J. Smith"), unless it is a
                // unit after a number ("about 10,000 K. This means …") or
                // the next word plainly opens a sentence
                let initial = wb.chars().count() == 1
                    && wb.chars().all(char::is_alphabetic)
                    && !after_number(&p[start..pos])
                    && (matches!(wb.as_str(), "i" | "v" | "x") // "CHAP. V. The Master said"
                        || !opens_sentence(&p[chars.get(k).map_or(p.len(), |x| x.0)..]));
                let is_abbrev = c == '.' && (ABBREVIATIONS.contains(&wb.as_str()) || initial);
                if starts_sentence && !is_abbrev {
                    let end = chars.get(j).map_or(p.len(), |x| x.0);
                    let s = p[start..end].trim();
                    if !s.is_empty() {
                        out.push(s.to_string());
                    }
                    start = chars.get(k).map_or(p.len(), |x| x.0);
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    let rest = p[start.min(p.len())..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// English Snowball stems with a prefix fix-up, for matching and dedupe.
/// Remembers the stems it has computed (a document repeats its words).
pub struct Stems {
    stemmer: Stemmer,
    /// word -> its stem and the stem's number
    cache: RefCell<FxHashMap<String, (Rc<str>, u32)>>,
    /// stem -> number, and back
    ids: RefCell<FxHashMap<Rc<str>, u32>>,
    names: RefCell<Vec<Rc<str>>>,
}

impl Default for Stems {
    fn default() -> Self {
        Stems {
            stemmer: Stemmer::create(Algorithm::English),
            cache: RefCell::new(FxHashMap::default()),
            ids: RefCell::new(FxHashMap::default()),
            names: RefCell::new(Vec::new()),
        }
    }
}

impl Stems {
    /// The stem of one word (folded).
    /// Shared (`Rc`), so a cache hit costs no allocation.
    pub fn stem(&self, w: &str) -> Rc<str> {
        self.lookup(w).0
    }

    /// A number for the stem of `w`, the same for every word with that stem
    /// (within this `Stems`): for counting in arrays instead of hash maps.
    pub fn stem_id(&self, w: &str) -> u32 {
        self.lookup(w).1
    }

    /// The stem numbered `id` by [`Stems::stem_id`].
    pub fn name(&self, id: u32) -> Option<Rc<str>> {
        self.names.borrow().get(id as usize).cloned()
    }

    fn lookup(&self, w: &str) -> (Rc<str>, u32) {
        if let Some((s, id)) = self.cache.borrow().get(w) {
            return (Rc::clone(s), *id);
        }
        let s: Rc<str> = self.compute(w).into();
        let id = {
            let mut ids = self.ids.borrow_mut();
            match ids.get(&*s) {
                Some(&id) => id,
                None => {
                    let mut names = self.names.borrow_mut();
                    let id = names.len() as u32;
                    names.push(Rc::clone(&s));
                    ids.insert(Rc::clone(&s), id);
                    id
                }
            }
        };
        let mut cache = self.cache.borrow_mut();
        if cache.len() < 200_000 {
            cache.insert(w.to_string(), (Rc::clone(&s), id));
        }
        (s, id)
    }

    fn compute(&self, w: &str) -> String {
        let f = fold(w);
        let f = f.trim_matches(|c: char| !c.is_alphanumeric());
        let f = f.strip_suffix("'s").unwrap_or(f);
        let s = self.stemmer.stem(f).into_owned();
        // economy/economic -> econom (Snowball gives economi/econom)
        s.strip_suffix('i')
            .filter(|x| x.len() >= 5)
            .map_or(s.clone(), str::to_string)
    }

    /// Stems of the content words of `s`.
    pub fn content_stems(&self, s: &str) -> Vec<Rc<str>> {
        words(s)
            .iter()
            .filter(|w| !is_stop(w.text))
            .map(|w| self.stem(w.text))
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Capitalises the first letter.
pub fn capitalise(s: &str) -> String {
    // "mixedCase", "iPhone", "__all__": an identifier keeps its case
    let first_word = s.split_whitespace().next().unwrap_or("");
    if first_word.chars().skip(1).any(char::is_uppercase) || first_word.contains(['_', '(', '`']) {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A sentence's speaker intro ("The Master said, '") and the rest,
/// opening quote and all. A chapter label before the speaker is left out
/// ("CHAPTER I. 1. The Master said, '").
pub fn speaker_and_rest(sentence: &str) -> (Option<&str>, &str) {
    let rest = sentence.trim();
    if let Some(p) = rest.find(" said, ") {
        let from = rest[..p].rfind(". ").map_or(0, |d| d + 2);
        if word_count(&rest[from..p]) <= 4
            && rest[p + 7..].starts_with(['\'', '"', '\u{2018}', '\u{201c}'])
        {
            return (Some(&rest[from..p + 5]), &rest[p + 7..]);
        }
    }
    (None, rest)
}

/// Nouns that with "of" make a compound preposition ("on account of",
/// "by means of", "in spite of"): the phrase after "of" is the term, the
/// noun itself never is.
pub const COMPOUND_PREPOSITION_NOUNS: &[&str] = &[
    "account", "behalf", "means", "spite", "terms", "favour", "favor", "lieu", "view",
];

/// The end of a phrase ending at `end`, taking in the closing stop of an
/// abbreviation the tokenizer split off ("the sixth century B.C" + ".").
pub fn abbreviation_end(s: &str, end: usize) -> usize {
    let b = s.as_bytes();
    let closes = end >= 3
        && b.get(end) == Some(&b'.')
        && b[end - 1].is_ascii_alphabetic()
        && b[end - 2] == b'.'
        && b[end - 3].is_ascii_alphabetic()
        && (end < 4 || !b[end - 4].is_ascii_alphanumeric());
    if closes {
        end + 1
    } else {
        end
    }
}

/// A sentence without the enumerator labels that open it: a chapter's
/// Roman numeral ("V. The Master said …") or a paragraph's bracketed
/// labels ("(15)(i) The equipment …", "(A) A hydrostatic test pump …"),
/// which a question need not repeat (blind readers dropped them as
/// garbled). The label must be followed by a capital letter, and the
/// sentence must go on for at least three words.
pub fn strip_label(s: &str) -> &str {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut i = 0;
    // "(15)(i)", "(A)", "(ii)": one or more bracketed labels
    while b.get(i) == Some(&b'(') {
        let Some(close) = t[i..].find(')').map(|c| i + c) else {
            break;
        };
        let inner = &t[i + 1..close];
        let label = (1..=4).contains(&inner.len())
            && (inner.bytes().all(|c| c.is_ascii_digit())
                || inner.len() == 1 && inner.bytes().all(|c| c.is_ascii_alphabetic())
                || inner.bytes().all(|c| b"ivxlIVXL".contains(&c)));
        if !label {
            break;
        }
        i = close + 1;
    }
    if i == 0 {
        // "V. ", "XIV. ": a Roman numeral and a stop
        let n = b.iter().take_while(|c| b"IVXLC".contains(c)).count();
        if n > 0 && b.get(n) == Some(&b'.') {
            i = n + 1;
        }
    }
    if i == 0 || b.get(i) != Some(&b' ') {
        return s;
    }
    let rest = t[i..].trim_start();
    // (an initial after it is a name: "I. M. Pei")
    let initial = rest
        .split(' ')
        .next()
        .is_some_and(|w| w.len() == 2 && w.ends_with('.'));
    if rest.starts_with(|c: char| c.is_uppercase()) && word_count(rest) >= 3 && !initial {
        rest
    } else {
        s
    }
}

/// A text's words folded to lower case, punctuation-only tokens left out
/// (for comparing the words around a gap).
pub fn folded_words(s: &str) -> Vec<String> {
    words(s)
        .iter()
        .map(|w| fold(w.text))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// Collapses runs of whitespace.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enumerator_labels_are_stripped_from_a_sentence() {
        assert_eq!(
            strip_label("V. The Master said, 'To rule a country.'"),
            "The Master said, 'To rule a country.'"
        );
        assert_eq!(
            strip_label("(15)(i) The equipment shall be of the water jacket type."),
            "The equipment shall be of the water jacket type."
        );
        assert_eq!(
            strip_label("(A) A hydrostatic test pump, hand or power operated."),
            "A hydrostatic test pump, hand or power operated."
        );
        // not labels: a word in brackets, a lower-case continuation, a
        // pronoun "I", a short remainder
        for s in [
            "(See below) The rule holds.",
            "(a) when the unit is damaged;",
            "I. M. Pei designed it.",
            "I said so.",
            "(1) Done.",
            "",
        ] {
            assert_eq!(strip_label(s), s);
        }
    }

    #[test]
    fn an_abbreviation_keeps_its_closing_stop() {
        let s = "in the sixth century B.C. are the first";
        let end = s.find(". are").unwrap();
        assert_eq!(&s[..abbreviation_end(s, end)], "in the sixth century B.C.");
        // a sentence's own stop after a word is not taken in
        let s = "the great epics.";
        assert_eq!(abbreviation_end(s, s.len() - 1), s.len() - 1);
    }

    #[test]
    fn capitalise_leaves_identifiers_alone() {
        assert_eq!(capitalise("the sun"), "The sun");
        assert_eq!(
            capitalise("mixedCase (differs by ___)"),
            "mixedCase (differs by ___)"
        );
        assert_eq!(capitalise("__all__ is set"), "__all__ is set");
    }

    #[test]
    fn sentences_respect_abbreviations_and_decimals() {
        let s = sentences("Dr. Smith paid 3.69 dollars on Jan. 5. Then he left. “Why?” he asked.");
        assert_eq!(
            s,
            vec![
                "Dr. Smith paid 3.69 dollars on Jan. 5.",
                "Then he left.",
                "“Why?” he asked."
            ]
        );
        let s = sentences("Strings (a.k.a. \"docstrings\") are in PEP 257.");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn a_unit_letter_ends_a_sentence_but_an_initial_does_not() {
        assert_eq!(
            sentences("It is about 10,000 K. This means it is hot."),
            vec!["It is about 10,000 K.", "This means it is hot."]
        );
        assert_eq!(
            sentences("Ask J. Smith. The Master said so. V. The Master said."),
            vec![
                "Ask J. Smith.",
                "The Master said so.",
                "V. The Master said."
            ]
        );
    }

    #[test]
    fn sentence_ending_in_a_quote() {
        let s = sentences("He said: \"peace is the theme.\" The world agreed.");
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn words_keep_percent_and_hyphens() {
        let w: Vec<&str> = words("exceeded 30%, win-win (China’s) plan.")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, vec!["exceeded", "30%", "win-win", "China’s", "plan"]);
    }

    #[test]
    fn stems_align_word_families() {
        let s = Stems::default();
        assert_eq!(s.stem("economy"), s.stem("economic"));
        assert_eq!(s.stem("Politically"), s.stem("politics"));
    }

    #[test]
    fn multiword_names() {
        assert!(is_multiword_name("General Assembly"));
        assert!(is_multiword_name("Republic of China"));
        assert!(!is_multiword_name("the Security Council"));
        assert!(!is_multiword_name("Herodotus"));
        assert!(!is_multiword_name("general principles"));
    }

    #[test]
    fn number_words() {
        assert_eq!(number_value("five"), Some(5));
        assert_eq!(number_value("Seven"), Some(7));
        assert_eq!(number_value("1"), None);
        assert_eq!(number_value("aspects"), None);
    }

    #[test]
    fn word_lists_fit_the_packed_sets() {
        for list in [GENERAL_WORDS, STOP_WORDS, VERBS] {
            for w in list {
                assert!(
                    w.len() <= 16 && w.bytes().all(|b| !b.is_ascii_uppercase()),
                    "{w}"
                );
            }
        }
        assert!(is_stop("The") && is_stop("(the,") && !is_stop("theme"));
        assert!(is_verb("Promotes") || is_verb("promote"));
    }

    /// The plain definition the fast tokenizer must agree with.
    fn reference_words(s: &str) -> Vec<(usize, usize)> {
        let base = s.as_ptr() as usize;
        s.split_whitespace()
            .filter_map(|tok| {
                let at = tok.as_ptr() as usize - base;
                let keep = |c: char| c.is_alphanumeric() || c == '%';
                let first = tok.find(keep)?;
                let (p, c) = tok.char_indices().rev().find(|&(_, c)| keep(c))?;
                Some((at + first, at + p + c.len_utf8()))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_agrees_with_its_definition(s in "[a-zA-Z0-9%,.;:'\"()\\- \t\n\u{a0}\u{3000}\u{201c}\u{201d}éß中¹٣]{0,60}") {
            let fast: Vec<(usize, usize)> = words(&s).iter().map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(&fast, &reference_words(&s));
            proptest::prop_assert_eq!(word_count(&s), fast.len());
            let first = first_word(&s).map(|w| (w.start, w.end));
            proptest::prop_assert_eq!(first, fast.first().copied());
        }
    }
}
