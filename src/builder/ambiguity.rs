//! Gaps the document itself makes ambiguous: the words around a gap occur
//! elsewhere in the text with another filling ("The ___ may establish
//! such subsidiary organs as it deems necessary …" is said of the General
//! Assembly in one article and of the Security Council in another; "The
//! superior man is ___." ends a dozen sayings). Many answers fit such a
//! card, and blind readers dropped it as vague. Pure: it reads only the
//! parsed document.

use rustc_hash::FxHashMap as HashMap;

use super::candidate::Candidate;
use super::document::{BlockKind, Doc};
use super::text::folded_words;
use crate::model::CardKind;

/// Stands for a sentence's start or end in the word stream.
const EDGE: &str = "\u{1}";
/// Words of context on each side of a gap that must recur (fewer where
/// the sentence ends first).
const SIDE: usize = 6;
/// Words next to the gap that are looked up.
const PROBE: usize = 3;
/// Longest other filling looked for.
const MAX_FILL: usize = 12;
/// Occurrences of a context looked at, at most (a common phrase).
const MAX_LOOKS: usize = 200;

/// The document's words, folded, with a mark at each sentence's edges,
/// and where each run of three words occurs.
pub struct Frames {
    words: Vec<String>,
    at: HashMap<(u32, u32, u32), Vec<u32>>,
    ids: HashMap<String, u32>,
}

impl Frames {
    pub fn new(doc: &Doc) -> Frames {
        let mut out = Frames {
            words: vec![EDGE.to_string()],
            at: HashMap::default(),
            ids: HashMap::default(),
        };
        for b in &doc.blocks {
            if matches!(b.kind, BlockKind::Title | BlockKind::Heading) {
                continue;
            }
            for s in &b.sentences {
                out.words.extend(folded_words(s));
                out.words.push(EDGE.to_string());
            }
        }
        let ids: Vec<u32> = (0..out.words.len())
            .map(|i| {
                let n = out.ids.len() as u32;
                *out.ids.entry(out.words[i].clone()).or_insert(n)
            })
            .collect();
        for (i, w) in ids.windows(3).enumerate() {
            out.at.entry((w[0], w[1], w[2])).or_default().push(i as u32);
        }
        out
    }

    fn key(&self, ws: &[String]) -> Option<(u32, u32, u32)> {
        let id = |w: &String| self.ids.get(w).copied();
        match ws {
            [a, b, c] => Some((id(a)?, id(b)?, id(c)?)),
            _ => None,
        }
    }

    /// Another filling of the gap's frame the text holds, if any.
    pub fn other_filling(&self, c: &Candidate) -> Option<String> {
        if c.kind != CardKind::Cloze || !c.items.is_empty() || c.front.matches("___").count() != 1 {
            return None;
        }
        let at = c.context.find(c.back.as_str())?;
        let answer = folded_words(&c.back);
        let mut before = vec![EDGE.to_string()];
        before.extend(folded_words(&c.context[..at]));
        let mut after = folded_words(&c.context[at + c.back.len()..]);
        after.push(EDGE.to_string());
        let before = &before[before.len().saturating_sub(SIDE)..];
        let after = &after[..after.len().min(SIDE)];
        // at least three words of the sentence itself around the gap
        let real = before.iter().chain(after).filter(|w| *w != EDGE).count();
        if real < 3 || answer.is_empty() {
            return None;
        }
        // look up the three words next to the gap on a side that has them
        let (probe, probe_is_before) = if before.len() >= PROBE {
            (&before[before.len() - PROBE..], true)
        } else if after.len() >= PROBE {
            (&after[..PROBE], false)
        } else {
            return None;
        };
        let hits = self.at.get(&self.key(probe)?)?;
        for &p in hits.iter().take(MAX_LOOKS) {
            let p = p as usize;
            // the span of a filling of n words on this occurrence: after the
            // probe when it is the words before the gap, before it otherwise
            let span = |n: usize| {
                if probe_is_before {
                    Some((p + PROBE, p + PROBE + n))
                } else {
                    Some((p.checked_sub(n)?, p))
                }
            };
            let filled = (1..=MAX_FILL).find_map(|n| {
                let (start, end) = span(n)?;
                let fill = self.words.get(start..end)?;
                if fill.iter().any(|w| w == EDGE) {
                    return Some(None);
                }
                let b0 = start.checked_sub(before.len())?;
                let fits = self.words.get(b0..start)? == before
                    && self.words.get(end..end + after.len())? == after;
                fits.then(|| Some(fill.to_vec()))
            });
            if let Some(Some(fill)) = filled {
                if fill != answer {
                    return Some(fill.join(" "));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::document;
    use crate::builder::select::tests::cloze;

    #[test]
    fn a_frame_the_text_fills_twice_is_ambiguous() {
        let doc = document::parse(
            "Article 22\n\nThe General Assembly may establish such subsidiary organs as it deems necessary for the performance of its functions.\n\n\
             Article 29\n\nThe Security Council may establish such subsidiary organs as it deems necessary for the performance of its functions.\n\n\
             The Master said, 'The superior man is catholic and no partisan.' The Master said, 'The superior man is not a utensil.'\n\n\
             The Security Council shall be so organized as to be able to function continuously.\n",
        );
        let f = Frames::new(&doc);
        let c = cloze(
            "Article 29: The ___ may establish such subsidiary organs as it deems necessary.",
            "Security Council",
            "The Security Council may establish such subsidiary organs as it deems necessary for the performance of its functions.",
        );
        assert_eq!(f.other_filling(&c).as_deref(), Some("general assembly"));
        let c = cloze(
            "The Master said, 'The superior man is ___.",
            "catholic and no partisan",
            "The Master said, 'The superior man is catholic and no partisan.",
        );
        assert_eq!(f.other_filling(&c).as_deref(), Some("not a utensil"));
        // a frame the text fills once
        let c = cloze(
            "The Security Council shall be so organized as to be able to function ___.",
            "continuously",
            "The Security Council shall be so organized as to be able to function continuously.",
        );
        assert_eq!(f.other_filling(&c), None);
    }
}
