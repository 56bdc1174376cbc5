//! Single-gap cards: figures and dates, quoted terms, named concepts, short
//! claims (blank the predicate), and a key-term fallback.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use regex::Regex;

use super::candidate::{prior, Candidate};
use super::frame::gap_front;
use super::text::{self, fold, is_stop, is_verb, words, Stems};
use crate::model::CardKind;

/// What the gap extractors need to know about the whole document.
pub struct Ctx<'a> {
    pub stems: &'a Stems,
    /// Stems of the document's most frequent content words: never a gap.
    pub topic: &'a HashSet<String>,
    /// Inverse document frequency of stems (paragraphs as documents).
    pub idf: &'a HashMap<String, f64>,
    /// Where each folded word occurs in the document (to count phrases).
    pub positions: &'a PhraseIndex,
    /// The document's title (or its opening words), folded.
    pub title: &'a str,
}

/// The document's folded words and where each occurs, so that counting a
/// phrase costs the occurrences of its first word, not a scan of the text.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    /// The document as word ids.
    words: Vec<u32>,
    ids: FxHashMap<String, u32>,
    /// Positions of each word id.
    at: Vec<Vec<u32>>,
}

impl PhraseIndex {
    /// Adds the next word of the document, already folded; returns its
    /// number (the same for every occurrence of the word).
    pub fn push_folded(&mut self, f: &str) -> u32 {
        let id = match self.ids.get(f) {
            Some(&id) => id,
            None => {
                let id = self.at.len() as u32;
                self.ids.insert(f.to_string(), id);
                self.at.push(Vec::new());
                id
            }
        };
        self.at[id as usize].push(self.words.len() as u32);
        self.words.push(id);
        id
    }

    /// Appends an index of the text that follows this one (built on another
    /// thread): the result equals pushing both texts' words in order.
    pub fn append(&mut self, other: PhraseIndex) {
        let mut names: Vec<(String, u32)> = other.ids.into_iter().collect();
        names.sort_by_key(|(_, id)| *id);
        let map: Vec<u32> = names
            .into_iter()
            .map(|(name, _)| match self.ids.get(name.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.at.len() as u32;
                    self.ids.insert(name, id);
                    self.at.push(Vec::new());
                    id
                }
            })
            .collect();
        for local in other.words {
            let id = map[local as usize];
            self.at[id as usize].push(self.words.len() as u32);
            self.words.push(id);
        }
    }

    /// How often the word sequence of `phrase` occurs (stops counting at `cap`).
    pub fn count(&self, phrase: &str, cap: usize) -> usize {
        let mut p: Vec<u32> = Vec::new();
        let mut f = String::new();
        for w in words(phrase) {
            text::fold_into(w.text, &mut f);
            match self.ids.get(f.as_str()) {
                Some(&id) => p.push(id),
                None => return 0,
            }
        }
        // anchor on the phrase's rarest word: a common first word ("the")
        // would make every count scan much of the document
        let Some((j, anchor)) = p
            .iter()
            .enumerate()
            .min_by_key(|(_, &id)| self.at[id as usize].len())
        else {
            return 0;
        };
        let mut n = 0;
        for &q in &self.at[*anchor as usize] {
            let Some(i) = (q as usize).checked_sub(j) else {
                continue;
            };
            if self
                .words
                .get(i..i + p.len())
                .is_some_and(|s| s == p.as_slice())
            {
                n += 1;
                if n >= cap {
                    break;
                }
            }
        }
        n
    }
}

/// A phrase used this often is the document's topic, not a fact to recall.
pub const TOPIC_PHRASE_COUNT: usize = 4;

/// Where a sentence is.
#[derive(Clone, Copy)]
pub struct At<'a> {
    pub block: usize,
    pub sentence: usize,
    pub locator: &'a str,
    pub text: &'a str,
    pub prev: Option<&'a str>,
    /// The section's name, put before questions ("Article 3").
    pub prefix: Option<&'a str>,
    /// The sentence's words with their part-of-speech tags, tagged once
    /// for every extractor.
    pub toks: &'a [super::nlp::Token<'a>],
}

impl<'a> At<'a> {
    /// A sentence on its own (no section, no sentence before it), for the
    /// extractors' unit tests.
    #[cfg(test)]
    pub fn alone(text: &'a str, toks: &'a [super::nlp::Token<'a>]) -> At<'a> {
        At {
            block: 0,
            sentence: 0,
            locator: "",
            text,
            prev: None,
            prefix: None,
            toks,
        }
    }
}

// Literal patterns, compiled by the unit tests: cannot fail for a user.
#[allow(clippy::expect_used)]
fn figure_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r"(?i)[£$€¥]\d+(?:[.,]\d+)*(?:\s+(?:thousand|million|billion|trillion))?|\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)|\b\d+(?:\.\d+)?\s+(?:thousand|million|billion|trillion)(?:\s+(?:[A-Z]{2,3}\s+)?[a-z]+)?|\b(?:1[5-9]|20)\d\d\b|\b\d+(?:st|nd|rd|th)\b|\b\d+d\s+day\b|\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d{2,}(?:\.\d+)?\b|\b\d(?:\.\d+)?\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|times|feet|foot|inches|yards?|miles?|meters?|metres?|kilometers?|kilometres?|km|kg|pounds|tons|degrees)\b",
        )
        .expect("static regex")
    })
}

// Literal pattern, compiled by the unit tests: cannot fail for a user.
#[allow(clippy::expect_used)]
fn quote_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r#"["\u{201c}]([^"\u{201c}\u{201d}]{2,80})["\u{201d}]"#).expect("static regex")
    })
}

/// A one-answer card made from the sentence at `at` (its section's name
/// put before the question). Shared by the sentence-level extractors.
pub fn card(
    kind: CardKind,
    front: String,
    back: String,
    at: At<'_>,
    score: f64,
    origin: &'static str,
) -> Candidate {
    Candidate {
        kind,
        front: super::frame::with_prefix(at.prefix, &front),
        back,
        items: vec![],
        ordered: false,
        block: at.block,
        sentence: at.sentence,
        locator: at.locator.to_string(),
        context: at.text.to_string(),
        score,
        origin,
    }
}

/// Occurrences of `value` in `s` that stand alone: not inside a longer
/// number or word ("5" in "5/3", "1.5" or "15").
fn whole_count(s: &str, value: &str) -> usize {
    if value.is_empty() {
        return 0;
    }
    let joined = |c: char| c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-');
    s.match_indices(value)
        .filter(|&(i, _)| {
            let mut back = s[..i].chars().rev();
            let before = back.next();
            let digit_before = back.next().is_some_and(|c| c.is_ascii_digit());
            let after = s[i + value.len()..].chars().next();
            let next_digit = s[i + value.len()..]
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit());
            !before.is_some_and(|c| c.is_alphanumeric() || c == '/' || joined(c) && digit_before)
                && !after
                    .is_some_and(|c| c.is_alphanumeric() || joined(c) && next_digit || c == '/')
        })
        .count()
}

/// The unit after a figure: up to three nouns ("years", "kilometers per
/// second"), not a counted noun that a list or "of" phrase follows.
fn unit_after(s: &str, toks: &[super::nlp::Token<'_>], end: usize) -> usize {
    let Some(i) = toks.iter().position(|t| t.start >= end) else {
        return end;
    };
    if !s[end..toks[i].start].trim().is_empty() {
        return end;
    }
    // "In 2010 HMRC estimated …": a year takes no name for its unit
    let year = s[..end]
        .rsplit(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|d| d.len() == 4 && (d.starts_with('1') || d.starts_with('2')));
    if year && toks[i].text.starts_with(char::is_uppercase) {
        return end;
    }
    let mut k = i;
    let mut last = end;
    while k < toks.len() && k < i + 3 {
        let t = &toks[k];
        let per = fold(t.text) == "per" && k > i;
        if !(per || t.tag.is_noun() && !is_stop(t.text)) || t.text.contains('-') {
            break;
        }
        if k > i && !s[toks[k - 1].end..t.start].trim().is_empty() {
            break;
        }
        if !per {
            last = t.end;
        }
        k += 1;
    }
    // "three castes: …", "two methods of curing X: …" count the list
    // that follows them
    let rest = s[last..].trim_start();
    if rest.starts_with(':') || rest.starts_with("of ") && rest.contains(':') {
        return end;
    }
    last
}

pub(super) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The start of a date whose year is `[start, end)`: the month name (and
/// day) before a four-digit year, else `start`.
fn month_before(s: &str, start: usize, end: usize) -> usize {
    if end - start != 4 || !s[start..end].bytes().all(|b| b.is_ascii_digit()) {
        return start;
    }
    let before = s[..start].trim_end();
    // "November 22, 1787": a day between the month and the year
    let before_day = match before.strip_suffix(',') {
        Some(b) => {
            let b = b.trim_end();
            let d = b.rsplit(' ').next().unwrap_or("");
            if !(1..=2).contains(&d.len()) || !d.bytes().all(|x| x.is_ascii_digit()) {
                return start;
            }
            b[..b.len() - d.len()].trim_end()
        }
        None => before,
    };
    let month = before_day.rsplit(' ').next().unwrap_or("");
    if month.starts_with(char::is_uppercase) && MONTHS.contains(&fold(month).as_str()) {
        let at = before_day.len() - month.len();
        // "1 January 1942": a day before the month
        let rest = s[..at].trim_end();
        let day = rest.rsplit(' ').next().unwrap_or("");
        if (1..=2).contains(&day.len()) && day.bytes().all(|x| x.is_ascii_digit()) {
            rest.len() - day.len()
        } else {
            at
        }
    } else {
        start
    }
}

/// Every bracketed figure dropped ("505,000 km³ (121,000 cu mi)" →
/// "505,000 km³"): a conversion next to a gap gives it away.
fn without_conversions(front: &str) -> String {
    let mut out = String::with_capacity(front.len());
    let mut rest = front;
    while let Some(i) = rest.find(" (") {
        let inner = &rest[i + 2..];
        match inner.find(')') {
            Some(j) if inner.starts_with(|c: char| c.is_ascii_digit()) => {
                out.push_str(&rest[..i]);
                rest = &inner[j + 1..];
            }
            _ => {
                out.push_str(&rest[..i + 2]);
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "___ (8,620 kPa)" → "___": the same quantity in other units beside the
/// gap would give it away.
fn without_conversion(front: &str) -> String {
    let Some(g) = front.find(super::frame::GAP) else {
        return front.to_string();
    };
    let after = &front[g + super::frame::GAP.len()..];
    let trimmed = after.trim_start();
    if trimmed.starts_with('(') && trimmed[1..].starts_with(|c: char| c.is_ascii_digit()) {
        if let Some(close) = trimmed.find(')') {
            return format!(
                "{}{}",
                &front[..g + super::frame::GAP.len()],
                &trimmed[close + 1..]
            );
        }
    }
    front.to_string()
}

/// A figure or date found in a sentence: its span (with the unit), its
/// rank score and what it counts (for comparing figures).
struct Figure {
    start: usize,
    end: usize,
    score: f64,
    kind: String,
}

/// What a figure measures: "%", money, a year, or its unit's word
/// ("times", "year"); `None` for a bare number.
fn figure_kind(value: &str) -> Option<String> {
    let f = fold(value);
    if f.contains('%') || f.contains("percent") || f.contains("per cent") {
        return Some("%".into());
    }
    // ("£8.62, for phone £2.83, but for web only 15 pence")
    if value.starts_with(['£', '$', '€', '¥'])
        || f.ends_with(" pence")
        || f.ends_with(" cents")
        || f.ends_with(" dollars")
        || f.ends_with(" pounds")
    {
        return Some("money".into());
    }
    let last = f.split_whitespace().last().unwrap_or("");
    if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) || f.ends_with("b.c.") {
        return Some("year".into());
    }
    let unit: String = last.chars().filter(|c| c.is_alphabetic()).collect();
    let number_only = last.starts_with(|c: char| c.is_ascii_digit());
    (unit.len() > 1 && !number_only).then(|| unit.trim_end_matches('s').to_string())
}

fn figure_values(at: At<'_>) -> Vec<Figure> {
    let s = at.text;
    let has_digit = s.bytes().any(|b| b.is_ascii_digit());
    let toks = at.toks;
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    if has_digit {
        for m in figure_re().find_iter(s) {
            spans.push((m.start(), m.end(), false));
        }
    }
    // spelled numbers with a unit: "seven years", "fifteen Members",
    // "two-thirds majority"; "twice" stands alone
    let mut k = 0;
    while k < toks.len() {
        let f = fold(toks[k].text);
        if matches!(f.as_str(), "twice" | "thrice") {
            spans.push((toks[k].start, toks[k].end, false));
        } else if crate::numbers::is_spelled_quantity(&f) {
            // "three hundred": one number of several words
            let mut e = k;
            while e + 1 < toks.len() && crate::numbers::is_spelled_quantity(&fold(toks[e + 1].text))
            {
                e += 1;
            }
            spans.push((toks[k].start, toks[e].end, true));
            k = e;
        }
        k += 1;
    }
    // "in the seventh and sixth centuries B.C.", "the eighth or seventh
    // century B.C.": centuries are dates
    let ordinal = |t: &super::nlp::Token<'_>| {
        let f = fold(t.text);
        crate::numbers::is_ordinal(&f)
            || f.len() > 2
                && f[..f.len() - 2].bytes().all(|b| b.is_ascii_digit())
                && ["st", "nd", "rd", "th"].iter().any(|x| f.ends_with(x))
    };
    let mut k = 0;
    while k < toks.len() {
        if !ordinal(&toks[k]) {
            k += 1;
            continue;
        }
        let mut e = k;
        if toks.get(e + 2).is_some_and(&ordinal)
            && toks
                .get(e + 1)
                .is_some_and(|t| matches!(fold(t.text).as_str(), "and" | "or" | "to"))
        {
            e += 2;
        }
        let Some(unit) = toks
            .get(e + 1)
            .filter(|t| matches!(fold(t.text).as_str(), "century" | "centuries"))
        else {
            k = e + 1;
            continue;
        };
        let mut end = unit.end;
        for era in [" B.C.", " A.D.", " BCE", " CE", " BC", " AD"] {
            let rest = &s[end..];
            let next = rest[era.len().min(rest.len())..].chars().next();
            if rest.starts_with(era) && next.is_none_or(|c| !c.is_alphanumeric()) {
                end += era.len();
                break;
            }
        }
        spans.push((toks[k].start, end, false));
        k = e + 2;
    }
    // "10^16": the exponent is part of its number
    for sp in spans.iter_mut() {
        if let Some(base) = s[..sp.0].strip_suffix('^') {
            sp.0 = base.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        }
    }
    // one figure per place: "1.3 million" is not also "million Earths"
    spans.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
    let mut reach = 0;
    spans.retain(|&(a, b, _)| {
        let keep = a >= reach;
        reach = reach.max(b);
        keep
    });
    let mut out = Vec::new();
    for (start, end, spelled) in spans {
        // "505,000 km³ (121,000 cu mi)": the bracket repeats the figure
        // before it in other units
        let conversion = s[..start].trim_end().strip_suffix('(').is_some_and(|b| {
            b.trim_end()
                .rsplit(' ')
                .take(2)
                .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        });
        if conversion {
            continue;
        }
        // a label, not a quantity: "Table 15.2", "Chapter 8", "Article 3"
        let before = s[..start].trim_end();
        // (at the sentence start too: "Figure 15.4 shows …")
        // ("the Dardanelles, 480 B.C.": a comma ends the name)
        let label = before.rsplit(' ').next().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !w.ends_with([',', ';', ':', ')'])
                && !MONTHS.contains(&fold(w).as_str())
                && (before.len() > w.len()
                    || matches!(
                        fold(w).as_str(),
                        "figure"
                            | "table"
                            | "chapter"
                            | "section"
                            | "listing"
                            | "appendix"
                            | "article"
                            | "page"
                            | "paragraph"
                            | "part"
                            | "play"
                            | "step"
                    ))
        });
        // "§ 1910.157", "1910.157": a section number, not a quantity
        let dotted = s[end..].starts_with('.')
            && s[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            || s[..start]
                .strip_suffix('.')
                .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()));
        if label || before.ends_with("the") && spelled || before.ends_with('§') || dotted {
            continue;
        }
        let end2 = unit_after(s, toks, end);
        if spelled && end2 == end {
            continue; // a bare "two" says nothing
        }
        // "comply with 49 CFR 173.34": a citation's title number
        let next_word = s[end..].split_whitespace().next().unwrap_or("");
        if next_word.len() >= 2
            && next_word
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '.')
            && s[end..].trim_start()[next_word.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        // a year takes its month (and day): "April 2014", "November 22, 1787"
        let start = month_before(s, start, end);
        // "1–2 million tons": a range is one answer
        let start = match s[..start]
            .strip_suffix(['\u{2013}', '-'])
            .or_else(|| s[..start].strip_suffix(" to "))
        {
            Some(b) if b.ends_with(|c: char| c.is_ascii_digit()) => b
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
                .len(),
            _ => start,
        };
        // "960 B.C." keeps the stop of its abbreviation
        let end2 = if s[start..end2]
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.contains('.') && w.ends_with(char::is_alphabetic))
            && s[end2..].starts_with('.')
        {
            end2 + 1
        } else {
            end2
        };
        // "the 20th day of January": the month belongs to the date
        let end2 = match s[end2..].strip_prefix(" of ") {
            Some(rest) if s[start..end2].ends_with(" day") => {
                let month = rest
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if MONTHS.contains(&fold(month).as_str()) {
                    end2 + 4 + month.len()
                } else {
                    end2
                }
            }
            _ => end2,
        };
        let value = s[start..end2].trim();
        // the same value elsewhere in the sentence would leak the answer
        // (as a whole number: "5 years" beside "5/3" is no repeat)
        if whole_count(s, value) > 1 || whole_count(s, &s[start..end]) > 1 {
            continue;
        }
        let ordinal = ["st", "nd", "rd", "th"]
            .iter()
            .any(|x| s[start..end].ends_with(x));
        // "the 20th day of January", "the 3d day of January": a date
        let date = s[start..end2].ends_with(" day") || end2 > end && value.contains(" day of ");
        // "(about the size of two Earths)": a figure in brackets is an
        // aside to the sentence's own figures (a year is not: "defeated
        // at Platea (479 B.C.)" dates the event)
        let year = figure_kind(value).is_some_and(|k| k == "year");
        let aside = if !year && s[..start].matches('(').count() > s[..start].matches(')').count() {
            0.6
        } else {
            0.0
        };
        let score = if date {
            prior::FIGURE
        } else if ordinal {
            prior::FIGURE - 1.5
        } else if end2 > end || value.ends_with('%') || value.starts_with(['£', '$', '€']) {
            // (a percentage or a sum carries its unit: "78%", "£75")
            prior::FIGURE
        } else {
            prior::FIGURE - 0.3
        } - aside;
        out.push(Figure {
            start,
            end: start + value.len(),
            score,
            kind: if date {
                "date".to_string()
            } else if ordinal {
                String::new()
            } else {
                figure_kind(value).unwrap_or_default()
            },
        });
    }
    // the day of a date is part of the date
    let spans: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
    out.retain(|f| {
        !spans
            .iter()
            .any(|&(a, b)| a <= f.start && f.end <= b && (a, b) != (f.start, f.end))
    });
    out
}

/// Most figures one comparison card blanks.
const MAX_SERIES_FIGURES: usize = 4;

/// Figures of one kind side by side ("between £1.7 and £1.8 billion",
/// "93% compared with 75%", "20 times lower … and 50 times lower"): one
/// card with every figure blanked, in order, instead of a card per figure
/// that shows the others. The figures it took.
fn figure_series(at: At<'_>, figs: &[Figure], out: &mut Vec<Candidate>) -> Vec<usize> {
    // the kind most figures share
    let mut best_kind: Option<(&str, usize)> = None;
    for f in figs {
        let n = figs.iter().filter(|g| g.kind == f.kind).count();
        if !f.kind.is_empty() && n >= 2 && best_kind.is_none_or(|(_, m)| n > m) {
            best_kind = Some((f.kind.as_str(), n));
        }
    }
    let Some((kind, n)) = best_kind else {
        return Vec::new();
    };
    if n > MAX_SERIES_FIGURES {
        return Vec::new();
    }
    let used: Vec<usize> = (0..figs.len()).filter(|&i| figs[i].kind == kind).collect();
    let gaps: Vec<(usize, usize)> = used.iter().map(|&i| (figs[i].start, figs[i].end)).collect();
    // the figures compared sit close together
    let (a, b) = (gaps[0].0, gaps[gaps.len() - 1].1);
    if text::word_count(&at.text[a..b]) > 24 {
        return Vec::new();
    }
    let best = used.iter().map(|&i| figs[i].score).fold(0.0, f64::max);
    match super::parallel::make(at, &gaps, true, best + 0.6, "figure-series") {
        Some(mut c) => {
            c.front = without_conversions(&c.front);
            out.push(c);
            used
        }
        None => Vec::new(),
    }
}

/// Figures and dates, with their unit: one value per card, or one card
/// for figures the text compares.
pub fn figures(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let figs = figure_values(at);
    let in_series = figure_series(at, &figs, out);
    for (i, f) in figs.iter().enumerate() {
        if in_series.contains(&i) {
            continue;
        }
        let (start, end) = (f.start, f.end);
        if let Some(front) = gap_front(s, start, end, at.prev) {
            out.push(card(
                CardKind::Cloze,
                without_conversion(&front),
                s[start..end].to_string(),
                at,
                f.score,
                "figure",
            ));
        }
    }
}

/// Short quoted terms ("Western-centered theory").
pub fn quotes(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if !s.contains(['"', '\u{201c}']) {
        return;
    }
    for c in quote_re().captures_iter(s) {
        let Some(inner) = c.get(1) else { continue };
        let n = words(inner.as_str()).len();
        if !(1..=6).contains(&n) || is_topic(inner.as_str(), ctx) {
            continue;
        }
        // what everyone "knows": an everyday word in quotes is a scare
        // quote, not a term
        if n == 1 && crate::builder::nlp::zipf(inner.as_str()) >= 5.0 {
            continue;
        }
        // "bind it to a String with the value "hello"": a program's string
        // value is an example, not a term; so is a quote of a whole
        // phrase the gap would cut ("it will be "ahoy, world!"")
        let before = fold(
            s[..inner.start()]
                .trim_end_matches(['"', '\u{201c}'])
                .trim_end(),
        );
        let value = ["value", "string", "literal", "text", "be", "is", "prints"]
            .iter()
            .any(|w| before.ends_with(&format!(" {w}")));
        let cut_quote = s[inner.end()..].starts_with([',', '!', '?']);
        if value || cut_quote {
            continue;
        }
        if let Some(front) = gap_front(s, inner.start(), inner.end(), at.prev) {
            let back = inner
                .as_str()
                .trim()
                .trim_end_matches([',', '.'])
                .to_string();
            out.push(card(
                CardKind::Cloze,
                front,
                back,
                at,
                prior::QUOTE,
                "quote",
            ));
        }
    }
}

/// Whether an answer is made only of topic words (guessable from the topic).
pub fn is_topic(answer: &str, ctx: &Ctx<'_>) -> bool {
    // A name of several words the title does not carry is one of the
    // text's actors ("General Assembly", "Security Council"): which of
    // them acts is the fact to learn, however often they are named.
    if text::is_multiword_name(answer) && !ctx.title.contains(&fold(answer)) {
        return false;
    }
    // a figure the text repeats ("within seven years", in four articles)
    // is still a figure to learn, not what the text is about
    let first = answer.split_whitespace().next().unwrap_or("");
    if text::word_count(answer) >= 2
        && (first.starts_with(|c: char| c.is_ascii_digit()) || text::number_value(first).is_some())
    {
        return false;
    }
    let stems = ctx.stems.content_stems(answer);
    if !stems.is_empty() && stems.iter().all(|s| ctx.topic.contains(&**s)) {
        return true;
    }
    let words = text::word_count(answer);
    // a phrase the text keeps repeating, or a word it names a dozen times
    // ("Rust" in a chapter of the Rust book), is what the text is about
    words >= 2
        && answer.len() >= 6
        && ctx.positions.count(answer, TOPIC_PHRASE_COUNT) >= TOPIC_PHRASE_COUNT
        || words == 1 && ctx.positions.count(answer, TOPIC_WORD_COUNT) >= TOPIC_WORD_COUNT
}

/// "Rust program" in the Rust book: a topic word and an everyday word
/// make a two-word gap guessed from the topic.
fn topic_compound(answer: &str, ctx: &Ctx<'_>) -> bool {
    let ws: Vec<&str> = answer
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !is_stop(w))
        .collect();
    if ws.len() != 2 {
        return false;
    }
    let topical: Vec<bool> = ws.iter().map(|w| is_topic(w, ctx)).collect();
    topical.iter().any(|&t| t)
        && ws
            .iter()
            .zip(&topical)
            .all(|(w, &t)| t || super::nlp::zipf(w) > 4.0)
}

/// Uses that make a single word the text's topic.
pub const TOPIC_WORD_COUNT: usize = 12;

/// Named concepts: runs of capitalised words ("Five Principles of Peaceful
/// Coexistence"), not at the start of the sentence.
pub fn concepts(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let w = words(s);
    let cap = |t: &str| {
        t.chars().next().is_some_and(char::is_uppercase)
            && !t.chars().all(|c| c.is_uppercase() && t.len() > 4)
    };
    let joiner = |t: &str| matches!(fold(t).as_str(), "of" | "the" | "and" | "for" | "on" | "in");
    let mut i = 1; // skip the sentence's first word
    while i < w.len() {
        if !cap(w[i].text) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < w.len()
            && (cap(w[j].text) || (joiner(w[j].text) && j + 1 < w.len() && cap(w[j + 1].text)))
        {
            // no punctuation inside the run
            if s[w[j - 1].end..w[j].start].trim().is_empty() {
                j += 1;
            } else {
                break;
            }
        }
        let run = &w[i..j];
        let caps = run.iter().filter(|x| cap(x.text)).count();
        if caps >= 2 && run.len() <= 6 {
            let (a, mut b) = (run[0].start, run[run.len() - 1].end);
            for poss in ["'s", "\u{2019}s"] {
                if s[a..b].ends_with(poss) {
                    b -= poss.len();
                }
            }
            let answer = &s[a..b];
            // a rare name ("Halicarnassus", "Spartan Leonidas") is worth
            // more than one English uses every day ("Security Council")
            let rare = super::definitions::rarity(answer);
            // (not in brackets: "(KJV)" is an aside)
            let bracketed = s[..a].matches('(').count() > s[..a].matches(')').count();
            let score = if bracketed {
                prior::CONCEPT
            } else {
                prior::CONCEPT + (f64::from(4.0 - rare) * 0.4).clamp(0.0, 1.0)
            };
            if !is_topic(answer, ctx) {
                if let Some(front) = gap_front(s, a, b, at.prev) {
                    out.push(card(
                        CardKind::Cloze,
                        front,
                        answer.to_string(),
                        at,
                        score,
                        "concept",
                    ));
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Short claims: "All warfare is based on ___", "X are born ___".
pub fn claims(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let w = words(s);
    if !(4..=18).contains(&w.len()) || s.trim_end().ends_with('?') {
        return;
    }
    // a claim stands alone: not a condition or a subordinate clause
    let opener = fold(w[0].text);
    if matches!(
        opener.as_str(),
        "if" | "when"
            | "whenever"
            | "although"
            | "though"
            | "while"
            | "because"
            | "unless"
            | "as"
            | "since"
            | "until"
    ) {
        return;
    }
    let Some(v) = w.iter().position(|x| {
        matches!(
            fold(x.text).as_str(),
            "is" | "are" | "was" | "were" | "means" | "remains"
        )
    }) else {
        return;
    };
    if v == 0 || v > 7 {
        return;
    }
    // skip a participle and its preposition after the copula ("based on", "born")
    let mut g = v + 1;
    while g < w.len()
        && g <= v + 3
        && (fold(w[g].text).ends_with("ed")
            || matches!(
                fold(w[g].text).as_str(),
                "born"
                    | "still"
                    | "not"
                    | "always"
                    | "never"
                    | "no"
                    | "longer"
                    | "on"
                    | "to"
                    | "in"
                    | "by"
                    | "of"
            ))
    {
        g += 1;
    }
    if g >= w.len() {
        return;
    }
    let gap = &w[g..];
    if gap.len() > 7 || gap.iter().any(|x| is_verb(x.text)) || gap.iter().all(|x| is_stop(x.text)) {
        return;
    }
    // "It was on account of the Scythians": a compound preposition is no
    // claim's complement
    if text::COMPOUND_PREPOSITION_NOUNS.contains(&fold(gap[0].text).as_str())
        && gap.get(1).is_some_and(|x| fold(x.text) == "of")
    {
        return;
    }
    let (a, b) = (gap[0].start, gap[gap.len() - 1].end);
    let answer = s[a..b]
        .trim_end_matches(['.', '!', '"', '\u{201d}'])
        .to_string();
    let everyday = words(&answer)
        .iter()
        .all(|w| is_stop(w.text) || text::is_general(w.text) || fold(w.text).ends_with("ly"));
    // "at an end", "a good thing": a phrase of common words is guessed
    let common = super::definitions::rarity(&answer) > 4.6;
    if is_topic(&answer, ctx) || answer.contains([',', ';']) || everyday || common {
        return;
    }
    let subject_len = v;
    let score = prior::CLAIM + if subject_len <= 4 { 0.5 } else { 0.0 };
    if let Some(front) = gap_front(s, a, a + answer.len(), at.prev) {
        out.push(card(CardKind::Cloze, front, answer, at, score, "claim"));
    }
}

/// Nouns that only say what kind of thing the phrase after their "of" is.
const GENERIC_HEADS: &[&str] = &[
    "form",
    "forms",
    "way",
    "ways",
    "kind",
    "kinds",
    "type",
    "types",
    "terms",
    "sort",
    "part",
    "number",
    "amount",
    "character",
    "degree",
    "use",
    "means",
    "matter",
    "case",
    "lot",
    "variety",
    "range",
    "set",
    "series",
    "group",
    "piece",
    "sense",
];

/// A noun phrase worth blanking: its byte span, how informative it is,
/// and whether it is also a term on its own (a word the text uses once
/// and English often is fine beside its pair, not alone).
#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub start: usize,
    pub end: usize,
    pub score: f64,
    pub alone: bool,
}

/// The noun phrases of a sentence a student would blank: whole chunks
/// ("the landed interest", "absorption line spectrum") without leading
/// numbers or possessives, at most 4 words, ranked by how rare their
/// rarest word is in general English and how distinctive they are in the
/// document; never everyday words, pronouns or the topic.
pub fn terms(at: At<'_>, ctx: &Ctx<'_>) -> Vec<Term> {
    let s = at.text;
    let toks = at.toks;
    let mut out = Vec::new();
    for p in super::nlp::noun_phrases(s, toks) {
        let mut a = p.core;
        while a < p.last && (toks[a].tag.is_number() || toks[a].tag.name() == "POS") {
            a += 1;
        }
        let b = p.last;
        // "the form of photons" → photons; "the way Rust code is written"
        // names no term
        // (and "on account of the Scythians": a compound preposition)
        let head = fold(toks[a].text);
        if GENERIC_HEADS.contains(&head.as_str())
            || text::COMPOUND_PREPOSITION_NOUNS.contains(&head.as_str())
        {
            match (a..b).find(|&k| fold(toks[k].text) == "of") {
                Some(k) => {
                    a = k + 1;
                    while a < b && toks[a].tag.is_determiner() {
                        a += 1;
                    }
                }
                None => continue,
            }
        }
        if b + 1 - a > 4 || a == 0 && b + 1 == toks.len() {
            continue;
        }
        let span = &s[toks[a].start..toks[b].end];
        if span.chars().any(|c| c.is_ascii_digit())
            || toks[a..=b].iter().all(|t| is_stop(t.text))
            || toks[a..=b]
                .iter()
                .any(|t| super::text::PRONOUNS.contains(&fold(t.text).as_str()))
        {
            continue;
        }
        let rare = super::definitions::rarity(span);
        // everyday words make guessable gaps ("total", "status", "approach",
        // "mechanism")
        let words = b + 1 - a;
        if rare > 4.3 || is_topic(span, ctx) || topic_compound(span, ctx) {
            continue;
        }
        if cut_term(s, toks, a, b) {
            continue;
        }
        // "Extinguishers having shells": a participle inside the phrase
        // opens a clause; the chunk is no term
        if toks[a + 1..=b].iter().any(|t| {
            t.tag.name() == "VBG"
                && matches!(
                    fold(t.text).as_str(),
                    "having" | "being" | "using" | "containing" | "making"
                )
        }) {
            continue;
        }
        // "upon whom a man leans": a relative clause's subject and verb,
        // not a term
        let relative = (p.first.saturating_sub(2)..p.first).any(|k| {
            matches!(
                fold(toks[k].text).as_str(),
                "whom" | "which" | "who" | "whose"
            )
        });
        if relative
            && b > a
            && super::nlp::lexicon_tag(&fold(toks[b].text))
                .is_some_and(|t| matches!(t.name(), "VBZ" | "VBD"))
        {
            continue;
        }
        let stem = ctx.stems.stem(toks[p.head].text);
        let idf = ctx.idf.get(&*stem).copied().unwrap_or(0.0);
        // a word the text uses once, and that is not rare in English, is
        // an aside ("streak", "controversy"), not a term to learn
        let uses = ctx.positions.count(toks[p.head].text, 2);
        out.push(Term {
            start: toks[a].start,
            end: super::text::abbreviation_end(s, toks[b].end),
            score: f64::from(4.5 - rare) + idf * 0.3 + if words >= 2 { 0.4 } else { 0.0 },
            // (a compound term is not an aside: "closing curly bracket")
            // and a lone word must be rarer than "mechanism" to stand alone
            alone: (uses >= 2 || rare <= 3.0 || words >= 2 && rare <= 3.8)
                && (words >= 2 || rare <= 4.0),
        });
    }
    out
}

/// Whether the chunk `toks[a..=b]` is cut out of a longer term or from
/// code, so that blanking it would leave half a term in the question:
/// "Stored ___ do not require …" (a modifier before it), "the ___ points
/// people use" (its head after it), "for ___ human resources" (it ends in
/// a possessive), "_______()" (an identifier), "a ___ called the Copy
/// trait" (a descriptor whose name follows).
fn cut_term(s: &str, toks: &[super::nlp::Token<'_>], a: usize, b: usize) -> bool {
    let joined = |x: &super::nlp::Token<'_>, y: &super::nlp::Token<'_>| {
        s[x.end..y.start].chars().all(|c| c == ' ')
    };
    // (a participle modifies only where no verb can be: at the start or
    // after a determiner; "if you've used RAII patterns" is a verb)
    let modifier_before = a > 0 && {
        let t = &toks[a - 1];
        let participle =
            matches!(t.tag.name(), "VBN" | "VBG") && (a == 1 || toks[a - 2].tag.is_determiner());
        joined(t, &toks[a]) && (t.tag.is_noun() || t.tag.is_adjective() || participle)
    };
    let head_after = toks
        .get(b + 1)
        .is_some_and(|t| joined(&toks[b], t) && t.tag.is_noun() && !t.tag.is_proper());
    let possessive = toks[b].text.ends_with("'s")
        || toks[b].text.ends_with("\u{2019}s")
        || toks.get(b + 1).is_some_and(|t| t.tag.name() == "POS");
    let code = s[..toks[a].start].ends_with(['_', '`', '.'])
        || s[toks[b].end..].starts_with(['_', '(', '`']);
    let named_after = toks
        .get(b + 1)
        .is_some_and(|t| matches!(fold(t.text).as_str(), "called" | "named" | "termed"));
    modifier_before || head_after || possessive || code || named_after
}

/// Fallback: blank the sentence's most informative noun phrase ([`terms`])
/// in each of its clauses; never a lone everyday word, verb or adverb.
/// A term coordinated with another ("Tyre and Sidon") is left to
/// [`super::coordination`], which blanks both.
pub fn key_term(at: At<'_>, terms: &[Term], out: &mut Vec<Candidate>) {
    let s = at.text;
    let n = text::word_count(s);
    if !(6..=super::MAX_SENTENCE_WORDS).contains(&n) || s.trim_end().ends_with('?') {
        return;
    }
    // a fragment without a verb (a title, a salutation) states nothing
    if !at.toks.iter().any(|t| t.tag.is_verb()) {
        return;
    }
    // the best phrase of each clause (long sentences hold several facts)
    let clause_of = |at: usize| s[..at].matches([';', ':']).count();
    let mut best_of: Vec<(usize, f64, usize, usize)> = Vec::new();
    for t in terms.iter().filter(|t| t.alone) {
        let clause = clause_of(t.start);
        match best_of.iter_mut().find(|x| x.0 == clause) {
            Some(x) if t.score > x.1 => *x = (clause, t.score, t.start, t.end),
            Some(_) => {}
            None => best_of.push((clause, t.score, t.start, t.end)),
        }
    }
    // End focus: a clause's last phrase is what it says that is new ("…
    // will not always be at the ___" → helm), a second gap when it is not
    // the best one already
    // (a word the text uses once may end a clause: "at the helm")
    let mut last_of: Vec<(usize, f64, usize, usize)> = Vec::new();
    for t in terms {
        let span = &s[t.start..t.end];
        if !t.alone && !span.contains(' ') && super::definitions::rarity(span) > 4.0 {
            continue;
        }
        let clause = clause_of(t.start);
        let clause_end = s[t.end..]
            .find([';', ':', '.', '!', '?'])
            .map_or(s.len(), |p| t.end + p);
        if text::word_count(&s[t.end..clause_end]) > 0 {
            continue;
        }
        if best_of
            .iter()
            .any(|x| x.0 == clause && (x.2, x.3) == (t.start, t.end))
        {
            continue;
        }
        last_of.push((clause, t.score - 0.3, t.start, t.end));
    }
    best_of.sort_by(|x, y| y.1.total_cmp(&x.1));
    best_of.truncate(3);
    best_of.extend(last_of.into_iter().take(2));
    for &(_, score, start, end) in best_of.iter() {
        let answer = s[start..end].to_string();
        if let Some(front) = gap_front(s, start, end, at.prev) {
            out.push(card(
                CardKind::Cloze,
                front,
                answer,
                at,
                prior::KEY_TERM + score / 2.0,
                "key-term",
            ));
        }
    }
}

/// Names: a proper noun the text uses ("Herodotus", "Marathon",
/// "Halicarnassus"), not the sentence's first word, blanked alone or with
/// the proper nouns next to it; rarer names rank higher.
pub fn names(at: At<'_>, ctx: &Ctx<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    if s.trim_end().ends_with('?') || text::word_count(s) < 5 {
        return;
    }
    let toks = at.toks;
    let proper = |i: usize| {
        let t = &toks[i];
        t.tag.is_proper()
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && !t
                .text
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic())
    };
    let mut best: Option<(f32, usize, usize)> = None;
    let mut i = 1;
    while i < toks.len() {
        if !proper(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len()
            && proper(j + 1)
            && s[toks[j].end..toks[j + 1].start].trim().is_empty()
        {
            j += 1;
        }
        let span = &s[toks[i].start..toks[j].end];
        let rare = super::definitions::rarity(span);
        // "the value in Controversy": an everyday noun written with a
        // capital is no name
        let common_noun = i == j
            && rare > 3.8
            && super::nlp::lexicon_tag(&fold(span)).is_some_and(|t| t.is_noun() && !t.is_proper());
        if j - i < 3
            && rare < 4.5
            && !common_noun
            && !is_topic(span, ctx)
            && best.is_none_or(|b| rare < b.0)
        {
            best = Some((rare, i, j));
        }
        i = j + 1;
    }
    let Some((rare, i, j)) = best else { return };
    let (a, b) = (toks[i].start, toks[j].end);
    let b = a + s[a..b]
        .trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .len();
    if let Some(front) = gap_front(s, a, b, at.prev) {
        out.push(card(
            CardKind::Cloze,
            front,
            s[a..b].to_string(),
            at,
            prior::KEY_TERM + 1.0 + f64::from(4.5 - rare) * 0.3,
            "name",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::nlp::tag;
    use super::*;

    fn figs(s: &str) -> Vec<(String, Vec<String>)> {
        let toks = tag(s);
        let at = At::alone(s, &toks);
        let mut out = Vec::new();
        figures(at, &mut out);
        out.into_iter()
            .map(|c| (c.front.clone(), c.answer_items()))
            .collect()
    }

    #[test]
    fn a_repeated_figure_is_no_topic() {
        let doc = "It must be ratified within seven years by state conventions. The law lapses \
                   within seven years by state conventions. Votes are counted within seven years \
                   by state conventions. Appeals end within seven years by state conventions.";
        super::super::with_ctx(doc, |ctx| {
            assert!(!is_topic("seven years", ctx));
            // a phrase repeated as often is what the text is about
            assert!(is_topic("state conventions", ctx));
        });
    }

    #[test]
    fn a_day_of_a_month_is_one_date() {
        let got = figs(
            "The terms of the President shall end at noon on the 20th day of January of that year.",
        );
        assert!(
            got.iter()
                .any(|(_, a)| a == &vec!["20th day of January".to_string()]),
            "{got:?}"
        );
        // two dates side by side (one in the old "3d" style) are asked together
        let got = figs(
            "The terms of the President shall end at noon on the 20th day of January, and the terms of Senators at noon on the 3d day of January.",
        );
        assert!(
            got.iter().any(|(_, a)| a
                == &vec![
                    "20th day of January".to_string(),
                    "3d day of January".to_string()
                ]),
            "{got:?}"
        );
    }

    #[test]
    fn a_figure_in_brackets_is_an_aside_unless_it_dates() {
        let score = |s: &str, v: &str| {
            let toks = tag(s);
            figure_values(At::alone(s, &toks))
                .into_iter()
                .find(|f| &s[f.start..f.end] == v)
                .map(|f| f.score)
                .unwrap()
        };
        let s = "Supergranules are about 35,000 kilometers across (about the size of two Earths) and last about 24 hours.";
        assert!(score(s, "two Earths") < score(s, "24 hours"));
        let s =
            "The rest were defeated at Platea (479 B.C.) and the fleet was destroyed at Mycale.";
        assert!(score(s, "479 B.C.") >= prior::FIGURE - 0.3);
    }

    #[test]
    fn a_relative_clauses_subject_and_verb_are_no_term() {
        super::super::with_ctx("Some text about friends and guides.", |ctx| {
            let terms_of = |s: &str| -> Vec<String> {
                let toks = tag(s);
                terms(At::alone(s, &toks), ctx)
                    .iter()
                    .map(|t| s[t.start..t.end].to_string())
                    .collect()
            };
            let got = terms_of("When the parties upon whom a man leans are proper persons, he can make them his guides.");
            assert!(!got.iter().any(|t| t == "man leans"), "{got:?}");
            let got =
                terms_of("Extinguishers having shells constructed of copper shall not be tested.");
            assert!(
                !got.iter().any(|t| t == "Extinguishers having shells"),
                "{got:?}"
            );
            let got = terms_of("It was on account of the Scythians that Darius invaded Europe.");
            assert!(!got.iter().any(|t| t.starts_with("account")), "{got:?}");
        });
    }

    #[test]
    fn an_everyday_noun_with_a_capital_is_no_name() {
        super::super::with_ctx("Some text about courts and suits.", |ctx| {
            let run = |s: &str| {
                let toks = tag(s);
                let mut out = Vec::new();
                names(At::alone(s, &toks), ctx, &mut out);
                out.into_iter().map(|c| c.back).collect::<Vec<_>>()
            };
            assert!(run("In suits at common law, where the value in Controversy shall exceed twenty dollars, the right shall be preserved.").is_empty());
            assert_eq!(
                run("The Persian fleet was destroyed near the island of Salamis in the end."),
                vec!["Salamis"]
            );
        });
    }

    #[test]
    fn a_rare_name_outranks_a_common_one() {
        super::super::with_ctx("Some text about wars and councils.", |ctx| {
            let score = |s: &str, name: &str| {
                let toks = tag(s);
                let mut out = Vec::new();
                concepts(At::alone(s, &toks), ctx, &mut out);
                out.into_iter()
                    .find(|c| c.back == name)
                    .map(|c| c.score)
                    .unwrap()
            };
            let rare = score(
                "A small force under the Spartan Leonidas resisted the multitude.",
                "Spartan Leonidas",
            );
            let common = score(
                "Any Member may bring a dispute before the Security Council today.",
                "Security Council",
            );
            assert!(rare > common, "{rare} vs {common}");
            assert!(common >= prior::CONCEPT);
        });
    }

    #[test]
    fn centuries_are_dates() {
        let got = figs("The quality of their civilization rose steadily in the seventh and sixth centuries B.C. and then fell.");
        assert!(
            got.iter()
                .any(|(_, a)| a == &vec!["seventh and sixth centuries B.C.".to_string()]),
            "{got:?}"
        );
        let got = figs("The epics were written down in the eighth or seventh century B.C., when the Greeks had an alphabet.");
        assert!(
            got.iter()
                .any(|(_, a)| a == &vec!["eighth or seventh century B.C.".to_string()]),
            "{got:?}"
        );
    }

    #[test]
    fn a_number_inside_another_is_no_repeat() {
        assert_eq!(
            whole_count("tested every 5 years at 5/3 of the pressure", "5"),
            1
        );
        assert_eq!(whole_count("from 5 to 5 metres", "5"), 2);
        assert_eq!(whole_count("about 1.5 or 15 times, 5.", "5"), 1);
        let got = figs("Cylinders are tested every 5 years at 5/3 of the service pressure.");
        assert!(
            got.iter().any(|(_, a)| a == &vec!["5 years".to_string()]),
            "{got:?}"
        );
    }

    fn cut(s: &str, term: &str) -> bool {
        let toks = tag(s);
        let a = s.find(term).unwrap();
        let (ta, tb) = (
            toks.iter().position(|t| t.start == a).unwrap(),
            toks.iter().position(|t| t.end == a + term.len()).unwrap(),
        );
        cut_term(s, &toks, ta, tb)
    }

    #[test]
    fn a_term_cut_from_a_longer_one_or_from_code_is_no_gap() {
        assert!(cut(
            "Stored pressure extinguishers do not require an examination.",
            "pressure extinguishers"
        ));
        assert!(cut(
            "Design them to fit the offline touch points people use.",
            "offline touch"
        ));
        assert!(cut(
            "It has a special annotation called the Copy trait.",
            "special annotation"
        ));
        assert!(cut(
            "Name mangling makes debugging and __getattr__() less convenient.",
            "getattr"
        ));
        assert!(!cut(
            "The drop function will be familiar if you have used RAII patterns.",
            "RAII patterns"
        ));
        assert!(!cut(
            "The Sun is composed mainly of hydrogen gas.",
            "hydrogen gas"
        ));
    }

    #[test]
    fn section_numbers_are_no_figures() {
        assert!(figs("§ 1910.157 Portable fire extinguishers are required.").is_empty());
    }

    #[test]
    fn dates_keep_their_month_and_day() {
        let got = figs("All new services going live after April 2014 will meet a new standard.");
        assert_eq!(got[0].1, vec!["April 2014"], "{got:?}");
        let got = figs("The paper appeared on Thursday, November 22, 1787 in New York.");
        assert_eq!(got[0].1, vec!["November 22, 1787"], "{got:?}");
        let got = figs(
            "The states signed the Declaration by United Nations of 1 January 1942 in London.",
        );
        assert_eq!(got[0].1, vec!["1 January 1942"], "{got:?}");
        // a capitalised word before a number that is no month is a label
        assert!(figs("The rules are set out in Table 15 of the annex.").is_empty());
    }

    #[test]
    fn figures_compared_become_one_card() {
        let got = figs("We estimate that moving services to digital channels will save between £1.7 and £1.8 billion a year.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec!["£1.7", "£1.8 billion"]);
        assert!(got[0].0.contains("between ___ and ___ a year"), "{got:?}");
        // a citation's title number is no figure
        let got = figs(
            "Nitrogen cylinders which comply with 49 CFR 173.34 may be tested every 10 years.",
        );
        assert!(
            got.iter().all(|(_, a)| a != &vec!["49 CFR".to_string()]),
            "{got:?}"
        );
        // pence are money too
        let got = figs("The cost of contact face to face averages £8.62, for phone £2.83, but for web only 15 pence.");
        assert!(
            got.iter()
                .any(|(_, a)| a == &vec!["£8.62", "£2.83", "15 pence"]),
            "{got:?}"
        );
        // figures of different kinds keep a card each
        let got = figs("In 1925 about 73% of the stars were counted.");
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn conversions_and_ranges_are_not_answers_of_their_own() {
        let got = figs("Approximately 505,000 km³ (121,000 cu mi) of water falls each year, 398,000 km³ (95,000 cu mi) of it over the oceans.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, vec!["505,000 km³", "398,000 km³"]);
        assert!(!got[0].0.contains("cu mi"), "{got:?}");
        let got = figs("The Sun is losing about 1–2 million tons of material each second.");
        assert_eq!(got[0].1, vec!["1–2 million tons"], "{got:?}");
    }
}
