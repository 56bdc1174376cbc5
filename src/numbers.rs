//! Numbers written in words ("nineteenth", "one hundred five",
//! "two-thirds"): read by the grader (the same number in another form is
//! right) and by the deck builder (spelled quantities are figures).
//! Pure; English only.

/// A number word, or one half of a joined compound ("twentyone").
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumWord {
    /// 0–19; `ordinal` ends the number ("nineteenth").
    Small(u64, bool),
    /// 20, 30, … 90.
    Tens(u64, bool),
    Hundred(bool),
    Thousand(bool),
}

const SMALL: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const SMALL_ORDINAL: [&str; 20] = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const TENS_ORDINAL: [&str; 8] = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// One number word (no compound).
pub(crate) fn num_word(w: &str) -> Option<NumWord> {
    let at = |list: &[&str]| list.iter().position(|x| *x == w).map(|i| i as u64);
    if let Some(i) = at(&SMALL) {
        return Some(NumWord::Small(i, false));
    }
    if let Some(i) = at(&SMALL_ORDINAL) {
        return Some(NumWord::Small(i, true));
    }
    if let Some(i) = at(&TENS) {
        return Some(NumWord::Tens(20 + 10 * i, false));
    }
    if let Some(i) = at(&TENS_ORDINAL) {
        return Some(NumWord::Tens(20 + 10 * i, true));
    }
    match w {
        "hundred" => Some(NumWord::Hundred(false)),
        "hundredth" => Some(NumWord::Hundred(true)),
        "thousand" => Some(NumWord::Thousand(false)),
        "thousandth" => Some(NumWord::Thousand(true)),
        _ => None,
    }
}

/// Whether `w` (folded) is an ordinal number word ("eighth",
/// "twentieth", "hundredth").
pub fn is_ordinal(w: &str) -> bool {
    num_word(w).is_some_and(|n| {
        matches!(
            n,
            NumWord::Small(_, true)
                | NumWord::Tens(_, true)
                | NumWord::Hundred(true)
                | NumWord::Thousand(true)
        )
    })
}

/// The number words of `w`: one, or a tens word joined to a unit
/// (`twentyone`, `sixtyfirst`: hyphens are gone by now).
pub(crate) fn num_words(w: &str) -> Option<Vec<NumWord>> {
    if let Some(n) = num_word(w) {
        return Some(vec![n]);
    }
    TENS.iter().enumerate().find_map(|(i, t)| {
        let unit = num_word(w.strip_prefix(t)?)?;
        matches!(unit, NumWord::Small(1..=9, _))
            .then(|| vec![NumWord::Tens(20 + 10 * i as u64, false), unit])
    })
}

/// The value of one cardinal number word ("two", "twenty-one"), not an
/// ordinal and not a multiplier alone.
pub fn cardinal_value(w: &str) -> Option<u64> {
    let w = w.to_lowercase().replace('-', "");
    let mut total = 0;
    for n in num_words(&w)? {
        match n {
            NumWord::Small(v, false) | NumWord::Tens(v, false) => total += v,
            _ => return None,
        }
    }
    Some(total)
}

/// Reads runs of number words as values: "one hundred five" → 105,
/// "sixty" → 60, "nineteenth" → 19. A word that cannot continue the number
/// ("five four") starts a new one.
pub(crate) struct NumberReader {
    total: u64,
    current: u64,
    words: Vec<String>,
}

impl NumberReader {
    pub(crate) fn new() -> NumberReader {
        NumberReader {
            total: 0,
            current: 0,
            words: Vec::new(),
        }
    }

    /// Adds one number word; returns a finished number first when the word
    /// cannot continue the current one.
    pub(crate) fn push(&mut self, surface: &str, n: NumWord) -> Option<(String, u64)> {
        let fits = match n {
            NumWord::Small(v, _) if v < 10 => {
                self.current % 100 == 0 || (self.current % 100 >= 20 && self.current % 10 == 0)
            }
            NumWord::Small(..) | NumWord::Tens(..) => self.current % 100 == 0,
            NumWord::Hundred(_) => self.current % 1000 < 100,
            NumWord::Thousand(_) => self.total % 1_000_000 == 0,
        };
        let done = if fits || self.words.is_empty() {
            None
        } else {
            self.finish()
        };
        match n {
            NumWord::Small(v, _) | NumWord::Tens(v, _) => self.current += v,
            NumWord::Hundred(_) => {
                let r = self.current % 1000;
                self.current = self.current - r + r.max(1).saturating_mul(100);
            }
            NumWord::Thousand(_) => {
                self.total = self
                    .total
                    .saturating_add(self.current.max(1).saturating_mul(1000));
                self.current = 0;
            }
        }
        if self.words.last().is_none_or(|w| w != surface) {
            self.words.push(surface.to_string());
        }
        done
    }

    /// The number read so far, if any, and a fresh start.
    pub(crate) fn finish(&mut self) -> Option<(String, u64)> {
        if self.words.is_empty() {
            return None;
        }
        let value = self.total.saturating_add(self.current);
        let surface = self.words.join(" ");
        *self = NumberReader::new();
        Some((surface, value))
    }
}

/// A cardinal quantity word a figure card may blank: "seven", "fifteen",
/// "forty-two", "two-thirds", "hundred", "million" ("one" and a lone
/// "half" or "third" say nothing on their own).
pub fn is_spelled_quantity(w: &str) -> bool {
    const FRACTIONS_AND_LARGE: &[&str] = &[
        "half", "third", "thirds", "quarter", "quarters", "million", "billion",
    ];
    if matches!(w, "one" | "half" | "third" | "zero") {
        return false;
    }
    w.split('-').all(|p| {
        FRACTIONS_AND_LARGE.contains(&p)
            || num_words(p).is_some_and(|ws| {
                ws.iter().all(|n| match n {
                    NumWord::Small(v, ord) => !ord && *v > 0,
                    NumWord::Tens(_, ord) | NumWord::Hundred(ord) | NumWord::Thousand(ord) => !ord,
                })
            })
    }) && !w.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_words_are_told_from_cardinals() {
        assert!(is_ordinal("eighth"));
        assert!(is_ordinal("twentieth"));
        assert!(!is_ordinal("eight"));
        assert!(!is_ordinal("century"));
    }

    #[test]
    fn spelled_quantities() {
        for w in [
            "seven",
            "fifteen",
            "forty-two",
            "two-thirds",
            "hundred",
            "million",
            "twenty",
        ] {
            assert!(is_spelled_quantity(w), "{w}");
        }
        for w in [
            "one",
            "half",
            "first",
            "nineteenth",
            "several",
            "",
            "two-ways",
        ] {
            assert!(!is_spelled_quantity(w), "{w}");
        }
    }
}
