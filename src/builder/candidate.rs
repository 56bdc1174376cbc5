//! A candidate card, before filtering and ranking.

use crate::model::CardKind;

/// One proposed card.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub kind: CardKind,
    pub front: String,
    pub back: String,
    pub items: Vec<String>,
    pub ordered: bool,
    /// Index of the block the card comes from.
    pub block: usize,
    /// Index of the sentence in the block (0 for structural cards).
    pub sentence: usize,
    pub locator: String,
    /// The source sentence, shown on request.
    pub context: String,
    /// Kind prior plus features; higher is better.
    pub score: f64,
    /// Which extractor made it (for `--verbose`).
    pub origin: &'static str,
}

impl Candidate {
    /// The answer as the items a grader expects.
    pub fn answer_items(&self) -> Vec<String> {
        if self.items.is_empty() {
            vec![self.back.clone()]
        } else {
            self.items.clone()
        }
    }
}

/// Kind priors (CARDS.md §4.4), by extractor.
pub mod prior {
    pub const COUNTED_LIST: f64 = 5.0;
    pub const OUTLINE: f64 = 4.5;
    pub const COPULAR_LIST: f64 = 4.0;
    pub const DEFINITION: f64 = 4.0;
    pub const LIST: f64 = 3.5;
    pub const PARALLEL: f64 = 4.0;
    pub const CHAIN: f64 = 4.0;
    pub const FIGURE: f64 = 3.5;
    pub const CLAIM: f64 = 3.0;
    pub const CONCEPT: f64 = 2.5;
    pub const QUOTE: f64 = 3.0;
    pub const KEY_TERM: f64 = 1.0;
}
