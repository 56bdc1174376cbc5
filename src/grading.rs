//! Typed-answer grading (CARDS.md §6). Pure: text in, suggested grade out.
//!
//! 1. Normalise both sides: case, curly quotes, dashes, joined hyphens,
//!    `30 percent`/`30 %` → `30%`, possessive `'s`, a few function words.
//! 2. Tokenize into content tokens `(stem, surface)`. Numbers get no stem
//!    but a value, whatever their form: `19`, `19th`, `nineteenth`,
//!    `one hundred`, `twenty-one` and `sixty per cent` are numbers.
//! 3. A token matches at 1.0 on equal stems or a ≥5-character stem prefix,
//!    at 0.9 ("typo") within OSA distance 1 (length 4–7) or 2 (≥ 8);
//!    numbers match on equal value or not at all.
//! 4. List items are matched to typed pieces by an optimal one-to-one
//!    assignment (best total similarity, never greedily); what an item still
//!    lacks may come from the rest of the typed text in further rounds, so
//!    one item typed as two pieces, or two items typed as one, still match.
//!    An item scores 1 when all its words are found, 0.5 when at least half
//!    are; a typed segment none of whose words was used is an extra item.
//! 5. Words an item shares with the question, and a head noun that ends
//!    every item, are optional (an item keeps at least one required word).
//!    A family name alone for a person's full name counts, as "hard" (3).
//! 6. Ordered lists also score the order (longest increasing run); items
//!    outside it are reported out of place.
//!
//! Text in `[brackets]` in an expected answer is optional.

use crate::numbers::{num_words, NumWord, NumberReader};
use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::model::Grade;

/// Words dropped before matching: they carry no answer.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "by", "at", "its", "their",
    "his", "her", "or", "as", "is", "are", "be",
];

/// The highest grade suggested once the source (which holds the answer)
/// was shown before answering: "correct with serious difficulty".
pub const AIDED_MAX: u8 = 3;

/// The highest grade suggested when a person is named by family name only.
const SHORT_NAME_MAX: u8 = 3;

/// Bounds that keep grading fast on absurd input (no real card comes near):
/// typed words past `MAX_TYPED` and item words past `MAX_ITEM_WORDS` are not
/// matched, nor items past `MAX_ITEMS`.
const MAX_TYPED: usize = 200;
const MAX_ITEM_WORDS: usize = 24;
const MAX_ITEMS: usize = 64;

/// One content token.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    surface: String,
    /// The stem; for a number, its value (`19`, `3.69`).
    stem: String,
    number: bool,
    optional: bool,
    segment: usize,
}

/// How one expected item fared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    /// The expected item, as the card shows it.
    pub expected: String,
    /// 1.0 found, 0.5 partly found, 0.0 missed.
    pub credit: f64,
    /// Found only with a typo-level match.
    pub typo: bool,
    /// A person typed by family name only (counted as found, graded "hard").
    #[serde(skip_serializing_if = "is_false")]
    pub short_name: bool,
    /// Ordered lists: typed outside the longest run in the right order (for
    /// one adjacent swap, both of the pair).
    #[serde(skip_serializing_if = "is_false")]
    pub out_of_place: bool,
    /// Ordered lists: where among the recalled items it was typed (1-based).
    #[serde(skip)]
    pub typed_rank: Option<usize>,
}

fn is_false(b: &bool) -> bool {
    !b
}

/// The result of grading one typed answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub items: Vec<ItemResult>,
    /// Typed segments that matched no expected item.
    pub extras: Vec<String>,
    /// Mean item credit, 0..=1.
    pub recall: f64,
    /// Share of items recalled in the right order (ordered lists; 1.0 otherwise).
    pub order: f64,
    /// The suggested SM-2 grade.
    #[serde(serialize_with = "ser_grade")]
    pub grade: Grade,
    /// The grade was capped at [`AIDED_MAX`]: the source was shown first.
    pub aided: bool,
}

fn ser_grade<S: serde::Serializer>(g: &Grade, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(g.value())
}

impl Assessment {
    /// Records that the answer was typed after the source (which holds the
    /// answer) was shown: the suggestion is at most [`AIDED_MAX`].
    pub fn aided(&mut self) {
        self.aided = true;
        self.grade = self.grade.min(Grade::new(AIDED_MAX).unwrap_or(Grade::MIN));
    }

    /// Ordered lists: the items typed out of place.
    pub fn out_of_place(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| i.out_of_place)
    }
}

/// Lowercases and maps typographic characters to plain ones.
pub fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' | '`' => s.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' => s.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => s.push('-'),
            '\u{00a0}' => s.push(' '),
            c => s.extend(c.to_lowercase()),
        }
    }
    // "30 percent", "30 per cent", "30 %", "30 pc" -> "30%"
    let s = s
        .replace(" per cent", "%")
        .replace(" percent", "%")
        .replace(" %", "%");
    // "co-existence" -> "coexistence"
    let s = s.replace('-', "");
    s.replace("'s ", " ").replace("s' ", "s ")
}

/// Any token with a digit is a number ("30%", "3.69", "19th", "1990s"):
/// numbers match exactly or not at all.
fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

/// The value of a digit token: `19th` → `19`, `2,000` → `2000`,
/// `30%` → `30`, `5.50` → `5.5`. Decades (`1990s`) keep their `s`.
fn number_key(word: &str) -> String {
    let w = word.trim_end_matches('%').replace(',', "");
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| {
            w.strip_suffix(s)
                .filter(|d| d.ends_with(|c: char| c.is_ascii_digit()))
        })
        .unwrap_or(&w);
    let w = if w.contains('.') && w.chars().all(|c| c.is_ascii_digit() || c == '.') {
        w.trim_end_matches('0').trim_end_matches('.')
    } else {
        w
    };
    let w = w.trim_start_matches('0');
    if w.is_empty() || w.starts_with('.') {
        format!("0{w}")
    } else {
        w.to_string()
    }
}

fn tokens(stemmer: &Stemmer, text: &str, segment: usize) -> Vec<Token> {
    // words with their optional flag, function words dropped
    let norm = normalise(text);
    let mut words: Vec<(String, bool)> = Vec::new();
    let mut optional = false;
    let mut word = String::new();
    let flush = |word: &mut String, optional: bool, out: &mut Vec<(String, bool)>| {
        let w = word.trim_matches(|c: char| c == '.' || c == '\'' || c == ',');
        let w = w.strip_suffix("'s").unwrap_or(w);
        if !w.is_empty() && !FUNCTION_WORDS.contains(&w) {
            out.push((w.to_string(), optional));
        }
        word.clear();
    };
    for ch in norm.chars() {
        if ch == '[' || ch == ']' {
            flush(&mut word, optional, &mut words);
            optional = ch == '[';
        } else if ch.is_alphanumeric() || ch == '%' || ch == '\'' {
            word.push(ch);
        } else if (ch == '.' || ch == ',')
            && word.chars().last().is_some_and(|c| c.is_ascii_digit())
        {
            word.push(ch); // 3.69, 10,000
        } else {
            flush(&mut word, optional, &mut words);
        }
    }
    flush(&mut word, optional, &mut words);

    let mut out = Vec::new();
    let mut reader = NumberReader::new();
    let mut reader_optional = false;
    let number = |(surface, value): (String, u64), optional: bool| Token {
        surface,
        stem: value.to_string(),
        number: true,
        optional,
        segment,
    };
    for (w, optional) in words {
        let bare = w.trim_end_matches('%');
        if let Some(parts) = num_words(bare) {
            for p in parts {
                if let Some(n) = reader.push(bare, p) {
                    out.push(number(n, reader_optional));
                }
                reader_optional = optional;
            }
            if parts_end_number(bare) || w.ends_with('%') {
                if let Some(n) = reader.finish() {
                    out.push(number(n, optional));
                }
            }
            continue;
        }
        if let Some(n) = reader.finish() {
            out.push(number(n, reader_optional));
        }
        let is_num = is_number(&w);
        out.push(Token {
            stem: if is_num {
                number_key(&w)
            } else {
                stemmer.stem(&w).into_owned()
            },
            surface: w,
            number: is_num,
            optional,
            segment,
        });
    }
    if let Some(n) = reader.finish() {
        out.push(number(n, reader_optional));
    }
    out
}

/// Whether a number word is an ordinal, which ends its number.
fn parts_end_number(w: &str) -> bool {
    num_words(w).is_some_and(|p| {
        p.iter().any(|n| {
            matches!(
                n,
                NumWord::Small(_, true)
                    | NumWord::Tens(_, true)
                    | NumWord::Hundred(true)
                    | NumWord::Thousand(true)
            )
        })
    })
}

/// Optimal string alignment distance (Damerau without re-edits).
fn osa(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

fn typo_ok(a: &str, b: &str) -> bool {
    let len = a.chars().count().min(b.chars().count());
    let d = osa(a, b);
    (4..=7).contains(&len) && d <= 1 || len >= 8 && d <= 2
}

/// How well a typed token matches an expected one: 1.0, 0.9 or 0.
fn token_score(expected: &Token, typed: &Token) -> f64 {
    if expected.number || typed.number {
        return if expected.number && typed.number && expected.stem == typed.stem {
            1.0
        } else {
            0.0
        };
    }
    let (a, b) = (&expected.stem, &typed.stem);
    if a == b
        || (a.len() >= 5
            && b.len() >= 5
            && (a.starts_with(b.as_str()) || b.starts_with(a.as_str())))
        || expected.surface == typed.surface
    {
        return 1.0;
    }
    if typo_ok(a, b) || typo_ok(&expected.surface, &typed.surface) {
        return 0.9;
    }
    0.0
}

/// Splits a typed answer into segments (items) on `,` `;` `|` newlines and
/// a standalone "and".
fn segments(typed: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for piece in typed.split([',', ';', '\n', '|']) {
        for sub in piece.split(" and ") {
            let sub = sub.trim();
            if !sub.is_empty() {
                parts.push(sub.to_string());
            }
        }
    }
    parts
}

/// Optimal one-to-one assignment (Kuhn–Munkres, O(n²m)): for a matrix of
/// weights ≥ 0 (rows × columns), the column given to each row, maximising
/// the total weight. Rows left without a positive weight get `None`.
fn assign(w: &[Vec<f64>]) -> Vec<Option<usize>> {
    let n = w.len();
    let m = w.first().map_or(0, Vec::len);
    if n == 0 || m == 0 {
        return vec![None; n];
    }
    if n > m {
        let t: Vec<Vec<f64>> = (0..m)
            .map(|j| w.iter().map(|row| row[j]).collect())
            .collect();
        let mut out = vec![None; n];
        for (j, i) in assign(&t).into_iter().enumerate() {
            if let Some(i) = i {
                out[i] = Some(j);
            }
        }
        return out;
    }
    // minimise (max - w) with row and column potentials; index 0 is a sentinel
    let top = w.iter().flatten().fold(0.0f64, |a, &b| a.max(b));
    let cost = |i: usize, j: usize| top - w[i - 1][j - 1];
    let mut u = vec![0.0f64; n + 1];
    let mut v = vec![0.0f64; m + 1];
    let mut row_of = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        row_of[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = row_of[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            if j1 == 0 {
                break; // cannot happen with finite weights and n ≤ m
            }
            for j in 0..=m {
                if used[j] {
                    u[row_of[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if row_of[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            row_of[j0] = row_of[j1];
            j0 = j1;
        }
    }
    let mut out = vec![None; n];
    for j in 1..=m {
        let i = row_of[j];
        if i != 0 && w[i - 1][j - 1] > 0.0 {
            out[i - 1] = Some(j - 1);
        }
    }
    out
}

/// Makes optional the words of an item that the question already shows,
/// and a head noun that ends every item ("tricuspid valve", "mitral
/// valve"), so long as each item keeps a required word: an answer that
/// only repeats the question earns nothing.
fn mark_implied(items: &mut [Vec<Token>], question: &[Token]) {
    fn head(t: &[Token]) -> Option<&Token> {
        t.last()
            .filter(|t| !t.number && t.stem.chars().count() >= 3)
    }
    let shared_head: Option<String> = match &*items {
        [first, rest @ ..] if !rest.is_empty() && items.iter().all(|t| t.len() >= 2) => {
            head(first).map(|h| h.stem.clone()).filter(|stem| {
                rest.iter()
                    .all(|t| head(t).is_some_and(|h| &h.stem == stem))
            })
        }
        _ => None,
    };
    for toks in items.iter_mut() {
        let last = toks.len().saturating_sub(1);
        let implied: Vec<bool> = toks
            .iter()
            .enumerate()
            .map(|(k, t)| {
                !t.optional
                    && (question.iter().any(|q| token_score(t, q) >= 1.0)
                        || (k == last && shared_head.as_ref() == Some(&t.stem)))
            })
            .collect();
        let keeps_one = toks
            .iter()
            .zip(&implied)
            .any(|(t, &imp)| !t.optional && !imp);
        if keeps_one {
            for (t, imp) in toks.iter_mut().zip(implied) {
                t.optional |= imp;
            }
        }
    }
}

/// For each expected token, the typed token it matched and the score.
type Found = Vec<Vec<Option<(usize, f64)>>>;

/// Matches items to the typed tokens. Each round splits what is still
/// unused of the typed text into pieces (runs of unused words within a
/// segment) and gives each item at most one piece by an optimal assignment
/// of items to pieces; an item takes from its piece the words it still
/// lacks. Rounds repeat while they match something, so an item typed as two
/// pieces completes in the second round, and a piece holding two items
/// leaves the second one's words for the next round.
fn match_items(items: &[Vec<Token>], bag: &[Token]) -> Found {
    let mut found: Found = items.iter().map(|t| vec![None; t.len()]).collect();
    let bag = &bag[..bag.len().min(MAX_TYPED)];
    let items = &items[..items.len().min(MAX_ITEMS)];
    let scores: Vec<Vec<Vec<f64>>> = items
        .iter()
        .map(|toks| {
            toks.iter()
                .take(MAX_ITEM_WORDS)
                .map(|e| bag.iter().map(|t| token_score(e, t)).collect())
                .collect()
        })
        .collect();
    let mut used = vec![false; bag.len()];
    loop {
        let pieces = pieces(bag, &used);
        if pieces.is_empty() {
            break;
        }
        // every item's best use of every piece
        let fits: Vec<Vec<Fit>> = items
            .iter()
            .enumerate()
            .map(|(i, toks)| {
                pieces
                    .iter()
                    .map(|p| fit(toks, &scores[i], &found[i], p))
                    .collect()
            })
            .collect();
        let weights: Vec<Vec<f64>> = fits
            .iter()
            .map(|row| row.iter().map(|f| f.weight).collect())
            .collect();
        let mut progress = false;
        for (i, piece) in assign(&weights).into_iter().enumerate() {
            let Some(p) = piece else { continue };
            for &(k, j, s) in &fits[i][p].pairs {
                found[i][k] = Some((j, s));
                used[j] = true;
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    found
}

/// Runs of unused typed tokens within one segment.
fn pieces(bag: &[Token], used: &[bool]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<(usize, usize)> = None; // (segment, index) of the previous unused token
    for (j, t) in bag.iter().enumerate() {
        if used[j] {
            continue;
        }
        match (last, out.last_mut()) {
            (Some((seg, prev)), Some(run)) if seg == t.segment && prev + 1 == j => run.push(j),
            _ => out.push(vec![j]),
        }
        last = Some((t.segment, j));
    }
    out
}

/// What an item would take from one piece.
struct Fit {
    /// Share of the item's required words matched (typos at 0.9), plus a
    /// little for optional words and minus a little for words of the piece
    /// left over, so a piece goes to the item it fits whole.
    weight: f64,
    /// (item token, typed token, score)
    pairs: Vec<(usize, usize, f64)>,
}

fn fit(
    toks: &[Token],
    scores: &[Vec<f64>],
    found: &[Option<(usize, f64)>],
    piece: &[usize],
) -> Fit {
    let open: Vec<usize> = (0..scores.len()).filter(|&k| found[k].is_none()).collect();
    let required = toks.iter().filter(|t| !t.optional).count().max(1) as f64;
    let w: Vec<Vec<f64>> = open
        .iter()
        .map(|&k| {
            piece
                .iter()
                .map(|&j| {
                    let s = scores[k][j];
                    if toks[k].optional {
                        s * 0.01
                    } else {
                        s
                    }
                })
                .collect()
        })
        .collect();
    let mut pairs = Vec::new();
    let mut weight = 0.0;
    for (r, col) in assign(&w).into_iter().enumerate() {
        if let Some(c) = col {
            let k = open[r];
            let s = scores[k][piece[c]];
            weight += if toks[k].optional {
                s * 0.01
            } else {
                s / required
            };
            pairs.push((k, piece[c], s));
        }
    }
    if !pairs.is_empty() {
        weight = (weight - 0.001 * (piece.len() - pairs.len()) as f64).max(1e-6);
    }
    Fit { weight, pairs }
}

/// A name such as "William Shakespeare" or "Charles de Gaulle": two to four
/// capitalised words (a few lowercase particles allowed), letters only.
/// Returns how many leading words are given names (1 and 1 here).
fn given_names(text: &str) -> Option<usize> {
    const PARTICLES: &[&str] = &[
        "de", "da", "di", "del", "van", "von", "der", "den", "la", "le", "du", "bin", "ibn", "al",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-' | '’'))
    };
    let (last, rest) = words.split_last()?;
    let particles = rest
        .iter()
        .rev()
        .take_while(|w| PARTICLES.contains(w))
        .count();
    let given = rest.len() - particles;
    ((2..=4).contains(&words.len())
        && capitalised(last)
        && last.chars().count() >= 2
        && given >= 1
        && rest[..given].iter().all(|w| capitalised(w)))
    .then_some(given)
}

/// Grades `typed` against the expected items (`ordered` for ordered lists)
/// of a card whose question is `question`.
pub fn assess(question: &str, expected: &[String], ordered: bool, typed: &str) -> Assessment {
    let stemmer = Stemmer::create(Algorithm::English);
    let n = expected.len().max(1);
    let segs = if expected.len() <= 1 {
        vec![typed.trim().to_string()]
    } else {
        segments(typed)
    };
    // a segment typed twice counts once: the copy lends nothing to another item
    let mut seen: HashSet<Vec<String>> = HashSet::new();
    let bag: Vec<Token> = segs
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            let toks = tokens(&stemmer, s, i);
            let stems = toks.iter().map(|t| t.stem.clone()).collect();
            if seen.insert(stems) {
                toks
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut exp_tokens: Vec<Vec<Token>> = expected.iter().map(|e| tokens(&stemmer, e, 0)).collect();
    mark_implied(&mut exp_tokens, &tokens(&stemmer, question, 0));
    let found = match_items(&exp_tokens, &bag);
    let used: Vec<bool> = {
        let mut used = vec![false; bag.len()];
        for (j, _) in found.iter().flatten().flatten() {
            used[*j] = true;
        }
        used
    };

    let mut results: Vec<ItemResult> = Vec::with_capacity(expected.len());
    // first typed position of each item, for the order
    let mut first_pos: Vec<Option<usize>> = vec![None; expected.len()];
    for (i, (toks, hits)) in exp_tokens.iter().zip(&found).enumerate() {
        let required = toks.iter().filter(|t| !t.optional).count();
        let hit_required: Vec<f64> = toks
            .iter()
            .zip(hits)
            .filter(|(t, _)| !t.optional)
            .filter_map(|(_, h)| h.map(|(_, s)| s))
            .collect();
        let got = hit_required.len();
        first_pos[i] = hits.iter().flatten().map(|&(j, _)| j).min();
        let mut credit = if required == 0 {
            if hits.iter().any(Option::is_some) || toks.is_empty() {
                1.0
            } else {
                0.0
            }
        } else if got == required {
            1.0
        } else if got * 2 >= required && got > 0 {
            0.5
        } else {
            0.0
        };
        let short_name = credit < 1.0 && family_name_only(&expected[i], toks, hits, &bag, &used);
        if short_name {
            credit = 1.0;
        }
        results.push(ItemResult {
            expected: expected[i].clone(),
            credit,
            typo: credit > 0.0 && hit_required.iter().any(|&s| s < 1.0),
            short_name,
            out_of_place: false,
            typed_rank: None,
        });
    }
    // Segments none of whose tokens was used are extras.
    let mut seg_used: Vec<Option<bool>> = vec![None; segs.len()];
    for (t, &u) in bag.iter().zip(&used) {
        let s = &mut seg_used[t.segment];
        *s = Some(s.unwrap_or(false) || u);
    }
    let extras: Vec<String> = segs
        .iter()
        .zip(&seg_used)
        .filter(|(_, u)| **u == Some(false))
        .map(|(s, _)| s.clone())
        .collect();

    let recall = results.iter().map(|r| r.credit).sum::<f64>() / n as f64;
    let mut adjacent_swap = false;
    let order_score = if ordered {
        let mut seq: Vec<(usize, usize)> = first_pos
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p, i)))
            .collect();
        seq.sort();
        let idx: Vec<usize> = seq.into_iter().map(|(_, i)| i).collect();
        let run = increasing_run(&idx);
        for (rank, &i) in idx.iter().enumerate() {
            results[i].typed_rank = Some(rank + 1);
            results[i].out_of_place = !run.contains(&i);
        }
        adjacent_swap = idx.len() == expected.len() && is_adjacent_swap(&idx);
        if adjacent_swap {
            // name both of the pair, not just the one the run left out
            for r in results.iter_mut() {
                r.out_of_place = r
                    .typed_rank
                    .is_some_and(|rank| idx.get(rank - 1).is_some_and(|&i| rank - 1 != i));
            }
        }
        run.len() as f64 / n as f64
    } else {
        1.0
    };
    let grade = suggest(
        &results,
        extras.len(),
        recall,
        order_score,
        adjacent_swap,
        typed,
    );
    Assessment {
        items: results,
        extras,
        recall,
        order: order_score,
        grade,
        aided: false,
    }
}

/// A person's name typed by family name alone: of the item's words only
/// the last was found, and nothing else was typed in that segment.
fn family_name_only(
    expected: &str,
    toks: &[Token],
    hits: &[Option<(usize, f64)>],
    bag: &[Token],
    used: &[bool],
) -> bool {
    let Some(given) = given_names(expected) else {
        return false;
    };
    let Some(&Some((j, _))) = hits.last() else {
        return false;
    };
    toks.len() == expected.split_whitespace().count()
        && hits[..given].iter().all(Option::is_none)
        && bag
            .iter()
            .enumerate()
            .all(|(x, t)| t.segment != bag[j].segment || used[x])
}

/// The longest increasing subsequence of `v` (item indices in typed order):
/// the items that are in the right order relative to each other.
fn increasing_run(v: &[usize]) -> Vec<usize> {
    // tails[k]: index into v of the smallest tail of a run of length k + 1
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; v.len()];
    for (p, &x) in v.iter().enumerate() {
        let k = tails.partition_point(|&t| v[t] < x);
        prev[p] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(p);
        } else {
            tails[k] = p;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(p) = at {
        run.push(v[p]);
        at = prev[p];
    }
    run.reverse();
    run
}

/// Whether `v` is 0..n with exactly one pair of neighbours exchanged.
fn is_adjacent_swap(v: &[usize]) -> bool {
    let wrong: Vec<usize> = (0..v.len()).filter(|&k| v[k] != k).collect();
    matches!(wrong[..], [a, b] if b == a + 1 && v[a] == b && v[b] == a)
}

fn suggest(
    items: &[ItemResult],
    extras: usize,
    recall: f64,
    order: f64,
    adjacent_swap: bool,
    typed: &str,
) -> Grade {
    let g = |q| Grade::new(q).unwrap_or(Grade::MIN);
    let n = items.len();
    if typed.trim().is_empty() || recall == 0.0 {
        return g(0);
    }
    let cap = if items.iter().any(|r| r.short_name) {
        SHORT_NAME_MAX
    } else {
        5
    };
    let all = items.iter().all(|r| r.credit >= 1.0);
    let typos = items.iter().any(|r| r.typo);
    let order_ok = order >= 1.0;
    let q = if all {
        if !typos && extras == 0 && order_ok {
            5
        } else if order_ok || adjacent_swap {
            4
        } else {
            // every item, but more than one adjacent swap out of order
            3
        }
    } else if n >= 4 && items.iter().filter(|r| r.credit < 1.0).count() <= 1 && extras <= 1 {
        3
    } else if recall >= 0.5 {
        2
    } else {
        1
    };
    g(q.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn aspects() -> Vec<String> {
        list(&["politics", "security", "economy", "culture", "ecology"])
    }

    fn e13() -> Vec<String> {
        list(&[
            "lasting peace",
            "universal security",
            "common prosperity",
            "openness and tolerance",
            "cleanliness and beauty",
        ])
    }

    /// Items that share words with each other.
    fn chambers() -> Vec<String> {
        list(&[
            "left atrium",
            "right atrium",
            "left ventricle",
            "right ventricle",
        ])
    }

    fn grade(expected: &[String], typed: &str) -> u8 {
        assess("", expected, false, typed).grade.value()
    }

    // Every vector of CARDS.md §6.3.
    #[test]
    fn order_free() {
        assert_eq!(
            grade(&aspects(), "ecology; culture; economy; security; politics"),
            5
        );
    }

    #[test]
    fn stems_and_prefixes() {
        assert_eq!(
            grade(
                &aspects(),
                "political, security, economic, cultural, ecological"
            ),
            5
        );
    }

    #[test]
    fn typos() {
        assert_eq!(
            grade(&aspects(), "politics, securty, economy, culture, ecolgy"),
            4
        );
    }

    #[test]
    fn one_missing() {
        assert_eq!(grade(&aspects(), "politics, security, economy, culture"), 3);
    }

    #[test]
    fn one_missing_one_extra() {
        assert_eq!(
            grade(&aspects(), "politics, security, economy, culture, military"),
            3
        );
    }

    #[test]
    fn two_of_five() {
        assert_eq!(grade(&aspects(), "politics, economy"), 1);
    }

    #[test]
    fn split_differently() {
        assert_eq!(
            grade(
                &e13(),
                "lasting peace, universal security, common prosperity, openness, tolerance, cleanliness and beauty"
            ),
            5
        );
    }

    #[test]
    fn five_partial_items() {
        assert_eq!(
            grade(&e13(), "peace, security, prosperity, openness, beauty"),
            2
        );
    }

    #[test]
    fn percent_spelling() {
        assert_eq!(grade(&list(&["30%"]), "30 %"), 5);
        assert_eq!(grade(&list(&["30%"]), "30 percent"), 5);
        assert_eq!(grade(&list(&["30%"]), "30 per cent"), 5);
    }

    #[test]
    fn wrong_number() {
        assert_eq!(grade(&list(&["30%"]), "40%"), 0);
        assert_eq!(grade(&list(&["1948"]), "1984"), 0);
    }

    #[test]
    fn hyphens_join() {
        assert_eq!(
            grade(
                &list(&["Five Principles of Peaceful Coexistence"]),
                "five principles of peaceful co-existence"
            ),
            5
        );
    }

    #[test]
    fn unit_missing() {
        assert_eq!(
            grade(&list(&["3.69 trillion US dollars"]), "3.69 trillion"),
            2
        );
    }

    #[test]
    fn optional_unit() {
        assert_eq!(
            grade(&list(&["3.69 trillion [US dollars]"]), "3.69 trillion"),
            5
        );
    }

    #[test]
    fn one_miss_one_wrong_of_four() {
        let e21 = list(&["common", "comprehensive", "cooperative", "sustainable"]);
        assert_eq!(
            grade(&e21, "common, comprehensive, sustainable, collective"),
            3
        );
    }

    // Our own.
    #[test]
    fn empty_is_blackout() {
        assert_eq!(grade(&aspects(), "   "), 0);
    }

    #[test]
    fn curly_quotes_and_case() {
        assert_eq!(grade(&list(&["China’s plan"]), "CHINA'S PLAN"), 5);
    }

    #[test]
    fn small_list_missing_one_is_not_a_pass() {
        let l = list(&["life", "liberty", "security"]);
        assert_eq!(grade(&l, "life, liberty"), 2);
    }

    #[test]
    fn ordered_list_swap_is_four_and_shuffle_is_three() {
        let l = list(&["diversity", "communication", "integration", "progress"]);
        assert_eq!(
            assess(
                "",
                &l,
                true,
                "diversity, communication, integration, progress"
            )
            .grade
            .value(),
            5
        );
        assert_eq!(
            assess(
                "",
                &l,
                true,
                "diversity, integration, communication, progress"
            )
            .grade
            .value(),
            4
        );
        assert_eq!(
            assess(
                "",
                &l,
                true,
                "progress, integration, communication, diversity"
            )
            .grade
            .value(),
            3
        );
    }

    #[test]
    fn per_item_credit_is_reported() {
        let a = assess("", &aspects(), false, "politics, cultre");
        assert_eq!(a.items[0].credit, 1.0);
        assert!(a.items[3].typo);
        assert_eq!(a.items[2].credit, 0.0);
    }

    #[test]
    fn ordinals_and_years_are_numbers() {
        assert_eq!(grade(&list(&["19th"]), "18th"), 0);
        assert_eq!(grade(&list(&["19th"]), "19TH"), 5);
        assert_eq!(grade(&list(&["1990s"]), "1980s"), 0);
        assert_eq!(grade(&list(&["2,000"]), "2000"), 5);
    }

    #[test]
    fn short_words_need_exact_match() {
        // "war" vs "was": 3 letters, no typo tolerance
        assert_eq!(grade(&list(&["war"]), "was"), 0);
    }

    // ---- one-to-one assignment (issue: overlapping items) ----

    fn credits(a: &Assessment) -> Vec<f64> {
        a.items.iter().map(|i| i.credit).collect()
    }

    #[test]
    fn assignment_is_optimal_where_greedy_is_not() {
        // greedy by row takes (0,0) = 5 and leaves row 1 with 1: total 6;
        // the optimum is (0,1) + (1,0) = 4 + 4
        let w = vec![vec![5.0, 4.0], vec![4.0, 1.0]];
        assert_eq!(assign(&w), vec![Some(1), Some(0)]);
        // more rows than columns: one row goes without
        let w = vec![vec![1.0], vec![3.0], vec![2.0]];
        assert_eq!(assign(&w), vec![None, Some(0), None]);
        assert_eq!(assign(&[vec![0.0, 0.0]]), vec![None]);
        assert!(assign(&[]).is_empty());
    }

    #[test]
    fn items_sharing_words_are_matched_one_to_one() {
        let a = assess(
            "",
            &chambers(),
            false,
            "left ventricle, right ventricle, left atrium",
        );
        assert_eq!(credits(&a), vec![1.0, 0.0, 1.0, 1.0]);
        assert_eq!(a.grade.value(), 3);
        assert!(a.extras.is_empty());

        let poles = list(&["north pole", "south pole", "magnetic north"]);
        let a = assess("", &poles, false, "magnetic north, south pole");
        assert_eq!(credits(&a), vec![0.0, 1.0, 1.0]);

        let eras = list(&["pre-war economy", "post-war economy", "pre-war politics"]);
        let a = assess("", &eras, false, "post-war economy, pre-war politics");
        assert_eq!(credits(&a), vec![0.0, 1.0, 1.0]);
    }

    #[test]
    fn an_item_typed_twice_lends_nothing_to_another() {
        let a = assess(
            "",
            &chambers(),
            false,
            "left atrium, Left Atrium, right ventricle",
        );
        assert_eq!(credits(&a), vec![1.0, 0.0, 0.0, 1.0]);
        assert!(a.extras.is_empty());
        assert_eq!(a.grade.value(), 2);
    }

    #[test]
    fn two_items_in_one_piece_still_match() {
        assert_eq!(
            grade(
                &e13(),
                "lasting peace universal security, common prosperity, openness and tolerance, cleanliness and beauty"
            ),
            5
        );
    }

    // ---- numbers in any form ----

    #[test]
    fn the_same_number_in_another_form_is_right() {
        for (expected, typed) in [
            ("19th", "19"),
            ("19th", "nineteenth"),
            ("19th century", "nineteenth century"),
            ("five", "5"),
            ("100", "one hundred"),
            ("100", "a hundred"),
            ("60", "sixty"),
            ("30%", "30 per cent"),
            ("30%", "thirty per cent"),
            ("30 per cent", "30%"),
            ("21", "twenty-one"),
            ("twenty-first", "21st"),
            ("105", "one hundred and five"),
            ("1,900", "nineteen hundred"),
            ("2,500", "two thousand five hundred"),
            ("3.50", "3.5"),
        ] {
            assert_eq!(
                grade(&list(&[expected]), typed),
                5,
                "{typed} for {expected}"
            );
        }
    }

    #[test]
    fn a_different_number_stays_wrong() {
        for (expected, typed) in [
            ("19th", "18"),
            ("five", "six"),
            ("100", "one hundred and one"),
            ("60", "sixteen"),
            ("30%", "thirteen per cent"),
            ("21", "twenty"),
            ("2,500", "two thousand"),
        ] {
            assert_eq!(
                grade(&list(&[expected]), typed),
                0,
                "{typed} for {expected}"
            );
        }
        // the rest of the answer does not rescue a wrong number
        assert_eq!(grade(&list(&["five principles"]), "six principles"), 2);
    }

    // ---- words the question already shows ----

    #[test]
    fn words_the_question_shows_are_optional() {
        let valves = list(&[
            "tricuspid valve",
            "pulmonary valve",
            "mitral valve",
            "aortic valve",
        ]);
        let q = "The four valves: ___";
        assert_eq!(
            assess(q, &valves, false, "tricuspid, pulmonary, mitral, aortic")
                .grade
                .value(),
            5
        );
        assert_eq!(
            assess(
                q,
                &valves,
                false,
                "tricuspid valve, pulmonary valve, mitral valve, aortic valve"
            )
            .grade
            .value(),
            5
        );
        let concepts = list(&["western governance concepts"]);
        let q = "China rejects western governance ___.";
        assert_eq!(assess(q, &concepts, false, "concepts").grade.value(), 5);
        assert_eq!(
            assess(q, &concepts, false, "western concepts")
                .grade
                .value(),
            5
        );
    }

    #[test]
    fn a_shared_head_noun_is_optional_without_the_question() {
        let valves = list(&[
            "tricuspid valve",
            "pulmonary valve",
            "mitral valve",
            "aortic valve",
        ]);
        let a = assess(
            "Name the heart's valves.",
            &valves,
            false,
            "tricuspid, pulmonary, mitral, aortic",
        );
        assert_eq!(a.grade.value(), 5);
        // a head noun alone is not an item
        let a = assess("", &valves, false, "valve");
        assert_eq!(a.grade.value(), 0);
    }

    #[test]
    fn repeating_the_question_earns_nothing() {
        let concepts = list(&["western governance concepts"]);
        let q = "China rejects western governance ___.";
        assert_eq!(
            assess(q, &concepts, false, "western governance")
                .grade
                .value(),
            0
        );
        // an answer the question shows whole stays required
        let leaked = list(&["common prosperity"]);
        assert_eq!(
            assess("What is common prosperity?", &leaked, false, "prosperity")
                .grade
                .value(),
            2
        );
        assert_eq!(
            assess("What is common prosperity?", &leaked, false, "peace")
                .grade
                .value(),
            0
        );
    }

    #[test]
    fn a_family_name_alone_is_hard() {
        let bard = list(&["William Shakespeare"]);
        let a = assess("Who wrote Hamlet?", &bard, false, "Shakespeare");
        assert_eq!(a.grade.value(), 3);
        assert!(a.items[0].short_name);
        assert_eq!(grade(&bard, "william shakespeare"), 5);
        // a wrong given name is not a family name alone
        assert_eq!(grade(&bard, "Anne Shakespeare"), 2);
        // the given name alone is not enough either
        assert_eq!(grade(&bard, "William"), 2);
        // not a person's name: lowercase words
        assert_eq!(grade(&list(&["lasting peace"]), "peace"), 2);
        assert_eq!(grade(&list(&["Charles de Gaulle"]), "de Gaulle"), 3);
    }

    // ---- order ----

    /// The grade and the out-of-place items of an answer to an ordered
    /// (or, with `ordered` false, unordered) list.
    fn order_result(items: &[&str], ordered: bool, typed: &str) -> (u8, Vec<String>) {
        let a = assess("", &list(items), ordered, typed);
        let out = a.out_of_place().map(|i| i.expected.clone()).collect();
        (a.grade.value(), out)
    }

    #[test]
    fn order_mistakes_are_reported_and_graded() {
        let l = ["diversity", "communication", "integration", "progress"];
        let none: Vec<String> = Vec::new();
        // one item moved from the end to the front: not one adjacent swap
        let typed = "progress, diversity, communication, integration";
        assert_eq!(order_result(&l, true, typed), (3, list(&["progress"])));
        let a = assess("", &list(&l), true, typed);
        assert_eq!(a.items[3].typed_rank, Some(1));
        // an adjacent swap: 4, and both of the pair are named
        assert_eq!(
            order_result(&l, true, "diversity, integration, communication, progress"),
            (4, list(&["communication", "integration"]))
        );
        // in order: nothing out of place
        assert_eq!(
            order_result(&l, true, "diversity, communication, integration, progress"),
            (5, none.clone())
        );
        // three items, rotated, and swapped
        let three = ["birth", "life", "death"];
        assert_eq!(order_result(&three, true, "death, birth, life").0, 3);
        assert_eq!(order_result(&three, true, "life, birth, death").0, 4);
        // unordered lists never report order
        assert_eq!(order_result(&l, false, typed), (5, none));
    }

    #[test]
    fn increasing_run_and_swaps() {
        assert_eq!(increasing_run(&[3, 0, 1, 2]), vec![0, 1, 2]);
        assert_eq!(increasing_run(&[]), Vec::<usize>::new());
        assert!(is_adjacent_swap(&[0, 2, 1, 3]));
        assert!(!is_adjacent_swap(&[3, 0, 1, 2]));
        assert!(!is_adjacent_swap(&[0, 1, 2]));
        assert!(!is_adjacent_swap(&[2, 1, 0]));
    }

    // ---- source shown first ----

    #[test]
    fn an_aided_answer_is_capped() {
        let mut a = assess("", &list(&["E"]), false, "E");
        assert_eq!(a.grade.value(), 5);
        a.aided();
        assert_eq!((a.grade.value(), a.aided), (AIDED_MAX, true));
        let mut low = assess("", &list(&["E"]), false, "K");
        low.aided();
        assert_eq!(low.grade.value(), 0);
    }

    #[test]
    fn the_bundled_deck_grades_its_own_answers_five_and_its_questions_low() {
        let deck = crate::deckfile::parse(
            std::path::Path::new("seed.toml"),
            crate::import::BUNDLED_DECK.as_bytes(),
        )
        .unwrap();
        for c in &deck.cards {
            let items = c.expected_items();
            let own = assess(&c.front, &items, c.ordered, &items.join(", "));
            assert_eq!(own.grade.value(), 5, "{}: {own:?}", c.id);
            // repeating the question is never a pass
            let copied = assess(&c.front, &items, c.ordered, &c.front.replace("___", ""));
            assert!(copied.grade.value() < 3, "{}: {copied:?}", c.id);
        }
    }
}
