//! How common a word is in general English: its Zipf frequency (log10 of
//! uses per billion words; "the" 7.7, "status" 4.9, "photosphere" 1.9),
//! from wordfreq's `small_en` list (CC BY-SA 4.0, `data/LICENSE-wordfreq.txt`).
//!
//! Rarity in general English, not inside the document, is what tells an
//! informative gap ("granulation") from an everyday word ("total").

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("data/wordfreq_en.txt");

/// Zipf value of words the list does not hold (rarer than its rarest).
pub const UNSEEN: f32 = 1.0;

fn table() -> &'static FxHashMap<&'static str, u16> {
    static T: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = FxHashMap::default();
        m.reserve(30_000);
        for line in DATA.lines() {
            let mut it = line.split(' ');
            let Some(Ok(z)) = it.next().map(str::parse::<u16>) else {
                continue;
            };
            for w in it {
                m.entry(w).or_insert(z);
            }
        }
        m
    })
}

/// The Zipf frequency of a word (case-insensitive; a possessive `'s` and
/// surrounding punctuation are ignored). [`UNSEEN`] for unknown words.
pub fn zipf(word: &str) -> f32 {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(w);
    if w.is_empty() {
        return UNSEEN;
    }
    let t = table();
    let hit = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
        let lower = w.to_lowercase().replace('\u{2019}', "'");
        t.get(lower.as_str()).copied()
    } else {
        t.get(w).copied()
    };
    hit.map_or(UNSEEN, |z| f32::from(z) / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyday_words_are_common_and_terms_are_rare() {
        assert!(zipf("the") > 7.0);
        assert!(zipf("total") > 4.8, "{}", zipf("total"));
        assert!(zipf("Status") > 4.5);
        assert!(zipf("photosphere") < 2.5, "{}", zipf("photosphere"));
        assert!(zipf("granulation") < 2.5);
        assert_eq!(zipf("qwzxv"), UNSEEN);
        assert_eq!(zipf(""), UNSEEN);
        assert_eq!(zipf("China’s"), zipf("china"));
    }
}
