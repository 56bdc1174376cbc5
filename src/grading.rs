//! Typed-answer grading (CARDS.md §6). Pure: text in, suggested grade out.
//!
//! 1. Normalise both sides: case, curly quotes, dashes, joined hyphens,
//!    `30 percent`/`30 %` → `30%`, possessive `'s`, a few function words.
//! 2. Tokenize into content tokens `(stem, surface)`; numbers get no stem.
//! 3. A token matches at 1.0 on equal stems or a ≥5-character stem prefix,
//!    at 0.9 ("typo") within OSA distance 1 (length 4–7) or 2 (≥ 8);
//!    numbers match exactly or not at all.
//! 4. List items are matched order-free from a bag of typed tokens, however
//!    the user split them: an item scores 1 when all its tokens are found,
//!    0.5 when at least half are; a typed segment none of whose tokens was
//!    used is an extra item.
//! 5. Ordered lists also score the order (longest common subsequence).
//!
//! Text in `[brackets]` in an expected answer is optional.

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::model::Grade;

/// Words dropped before matching: they carry no answer.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "by", "at", "its", "their",
    "his", "her", "or", "as", "is", "are", "be",
];

/// One content token.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    surface: String,
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
}

fn ser_grade<S: serde::Serializer>(g: &Grade, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u8(g.value())
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
    // "30 percent", "30 per cent", "30 %" -> "30%"
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

fn number_key(word: &str) -> String {
    word.trim_end_matches('%').replace(',', "")
}

fn tokens(stemmer: &Stemmer, text: &str, segment: usize) -> Vec<Token> {
    let norm = normalise(text);
    let mut out = Vec::new();
    let mut optional = false;
    let mut word = String::new();
    let flush = |word: &mut String, optional: bool, out: &mut Vec<Token>| {
        let w = word.trim_matches(|c: char| c == '.' || c == '\'' || c == ',');
        let w = w.strip_suffix("'s").unwrap_or(w);
        if !w.is_empty() && !FUNCTION_WORDS.contains(&w) {
            let number = is_number(w);
            out.push(Token {
                surface: w.to_string(),
                stem: if number {
                    number_key(w)
                } else {
                    stemmer.stem(w).into_owned()
                },
                number,
                optional,
                segment,
            });
        }
        word.clear();
    };
    for ch in norm.chars() {
        if ch == '[' || ch == ']' {
            flush(&mut word, optional, &mut out);
            optional = ch == '[';
        } else if ch.is_alphanumeric() || ch == '%' || ch == '\'' {
            word.push(ch);
        } else if (ch == '.' || ch == ',')
            && word.chars().last().is_some_and(|c| c.is_ascii_digit())
        {
            word.push(ch); // 3.69, 10,000
        } else {
            flush(&mut word, optional, &mut out);
        }
    }
    flush(&mut word, optional, &mut out);
    out
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

/// Splits a typed answer into segments (items) on `,` `;` `/` newlines and
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

/// Grades `typed` against the expected items (`ordered` for ordered lists).
pub fn assess(expected: &[String], ordered: bool, typed: &str) -> Assessment {
    let stemmer = Stemmer::create(Algorithm::English);
    let n = expected.len().max(1);
    let segs = if expected.len() <= 1 {
        vec![typed.trim().to_string()]
    } else {
        segments(typed)
    };
    let mut bag: Vec<Token> = segs
        .iter()
        .enumerate()
        .flat_map(|(i, s)| tokens(&stemmer, s, i))
        .collect();
    let mut used = vec![false; bag.len()];
    let exp_tokens: Vec<Vec<Token>> = expected.iter().map(|e| tokens(&stemmer, e, 0)).collect();

    // Items with the most tokens claim first.
    let mut order: Vec<usize> = (0..expected.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exp_tokens[i].len()));
    let mut results: Vec<ItemResult> = expected
        .iter()
        .map(|e| ItemResult {
            expected: e.clone(),
            credit: 0.0,
            typo: false,
        })
        .collect();
    // First typed position of each item, for the order score.
    let mut first_pos: Vec<Option<usize>> = vec![None; expected.len()];
    for &i in &order {
        let toks = &exp_tokens[i];
        let required = toks.iter().filter(|t| !t.optional).count();
        let mut found = 0usize;
        let mut typo = false;
        for t in toks {
            let best = bag
                .iter()
                .enumerate()
                .filter(|(j, _)| !used[*j])
                .map(|(j, b)| (j, token_score(t, b)))
                .filter(|&(_, s)| s > 0.0)
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
            if let Some((j, s)) = best {
                used[j] = true;
                if !t.optional {
                    found += 1;
                    if s < 1.0 {
                        typo = true;
                    }
                }
                first_pos[i] = Some(first_pos[i].map_or(j, |p| p.min(j)));
            }
        }
        let credit = if required == 0 {
            if found > 0 || toks.is_empty() {
                1.0
            } else {
                0.0
            }
        } else if found == required {
            1.0
        } else if found * 2 >= required && found > 0 {
            0.5
        } else {
            0.0
        };
        results[i].credit = credit;
        results[i].typo = typo && credit > 0.0;
    }
    // Segments none of whose tokens was used are extras.
    let extras: Vec<String> = segs
        .iter()
        .enumerate()
        .filter(|(si, _)| {
            let mine: Vec<usize> = (0..bag.len()).filter(|&j| bag[j].segment == *si).collect();
            !mine.is_empty() && mine.iter().all(|&j| !used[j])
        })
        .map(|(_, s)| s.clone())
        .collect();
    bag.clear();

    let recall = results.iter().map(|r| r.credit).sum::<f64>() / n as f64;
    let order_score = if ordered {
        let mut seq: Vec<(usize, usize)> = first_pos
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (p, i)))
            .collect();
        seq.sort();
        let idx: Vec<usize> = seq.into_iter().map(|(_, i)| i).collect();
        lis_len(&idx) as f64 / n as f64
    } else {
        1.0
    };
    let grade = suggest(&results, extras.len(), recall, ordered, order_score, typed);
    Assessment {
        items: results,
        extras,
        recall,
        order: order_score,
        grade,
    }
}

/// Longest increasing subsequence length (LCS against the sorted order).
fn lis_len(v: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in v {
        match tails.binary_search(&x) {
            Ok(_) => {}
            Err(p) if p == tails.len() => tails.push(x),
            Err(p) => tails[p] = x,
        }
    }
    tails.len()
}

fn suggest(
    items: &[ItemResult],
    extras: usize,
    recall: f64,
    ordered: bool,
    order: f64,
    typed: &str,
) -> Grade {
    let g = |q| Grade::new(q).unwrap_or(Grade::MIN);
    let n = items.len();
    if typed.trim().is_empty() || recall == 0.0 {
        return g(0);
    }
    let all = items.iter().all(|r| r.credit >= 1.0);
    let typos = items.iter().any(|r| r.typo);
    let order_ok = !ordered || order >= 1.0;
    // one adjacent swap loses exactly one position in the LIS
    let one_swap = ordered && n >= 2 && ((order * n as f64).round() as usize) + 1 == n;
    if all {
        if !typos && extras == 0 && order_ok {
            return g(5);
        }
        if order_ok || one_swap {
            return g(4);
        }
        return g(3);
    }
    let missed_or_partial = items.iter().filter(|r| r.credit < 1.0).count();
    if n >= 4 && missed_or_partial <= 1 && extras <= 1 {
        return g(3);
    }
    if recall >= 0.5 {
        g(2)
    } else {
        g(1)
    }
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

    fn grade(expected: &[String], typed: &str) -> u8 {
        assess(expected, false, typed).grade.value()
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
            assess(&l, true, "diversity, communication, integration, progress")
                .grade
                .value(),
            5
        );
        assert_eq!(
            assess(&l, true, "diversity, integration, communication, progress")
                .grade
                .value(),
            4
        );
        assert_eq!(
            assess(&l, true, "progress, integration, communication, diversity")
                .grade
                .value(),
            3
        );
    }

    #[test]
    fn per_item_credit_is_reported() {
        let a = assess(&aspects(), false, "politics, cultre");
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
}
