//! Plain domain types shared by the pure parts and the storage glue. No I/O.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of question a card asks. Stored as lowercase text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// A plain question with a short answer.
    Basic,
    /// A sentence with one gap (`___`); the answer fills it.
    Cloze,
    /// A question whose answer is a list of items (`items`).
    List,
    /// A list taken from the document's own structure (its parts, points).
    Outline,
}

impl CardKind {
    /// All kinds, in the order reports list them.
    pub const ALL: [CardKind; 4] = [
        CardKind::List,
        CardKind::Outline,
        CardKind::Cloze,
        CardKind::Basic,
    ];

    /// The lowercase name used in deck files, the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Cloze => "cloze",
            CardKind::List => "list",
            CardKind::Outline => "outline",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(s: &str) -> Option<CardKind> {
        match s {
            "basic" => Some(CardKind::Basic),
            "cloze" => Some(CardKind::Cloze),
            "list" => Some(CardKind::List),
            "outline" => Some(CardKind::Outline),
            _ => None,
        }
    }

    /// Whether the answer is a list of items.
    pub fn has_items(self) -> bool {
        matches!(self, CardKind::List | CardKind::Outline)
    }
}

impl fmt::Display for CardKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The content of a card, as a deck file holds it. No review state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardContent {
    /// Stable id, unique within its deck.
    pub id: String,
    pub kind: CardKind,
    pub front: String,
    /// The answer text; may be empty for list cards.
    pub back: String,
    /// Expected items for list and outline cards.
    pub items: Vec<String>,
    /// Whether the items must be recalled in order.
    pub ordered: bool,
    /// Where in the document the card comes from (e.g. `II.(1)`).
    pub source: String,
    /// The source sentence or passage, shown on request during study.
    pub context: String,
    pub tags: Vec<String>,
}

impl CardContent {
    /// The answer as one line: `back`, or the items joined by `; `.
    pub fn answer_text(&self) -> String {
        if self.items.is_empty() {
            self.back.clone()
        } else if self.back.is_empty() {
            self.items.join("; ")
        } else {
            format!("{} ({})", self.back, self.items.join("; "))
        }
    }

    /// The expected answer as items (a one-item list for non-list cards).
    pub fn expected_items(&self) -> Vec<String> {
        if self.items.is_empty() {
            vec![self.back.clone()]
        } else {
            self.items.clone()
        }
    }
}

/// Deck-level metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeckMeta {
    /// Stable slug, e.g. `community-of-human-destiny`.
    pub id: String,
    pub name: String,
    /// The document the deck was built from, if any.
    pub source: Option<String>,
}

/// A whole deck: metadata plus cards in deck order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub meta: DeckMeta,
    pub cards: Vec<CardContent>,
}

/// An SM-2 quality grade, 0..=5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

impl Grade {
    /// The meanings shown next to each grade (SM2.md).
    pub const MEANINGS: [&'static str; 6] = [
        "complete blackout",
        "wrong; remembered once seen",
        "wrong; seemed easy once seen",
        "correct with serious difficulty",
        "correct after hesitation",
        "perfect",
    ];

    /// The lowest grade, 0.
    pub const MIN: Grade = Grade(0);

    /// A grade from 0..=5, or `None`.
    pub fn new(q: u8) -> Option<Grade> {
        (q <= 5).then_some(Grade(q))
    }

    /// The number 0..=5.
    pub fn value(self) -> u8 {
        self.0
    }

    /// A pass (q ≥ 3) keeps the repetition count growing.
    pub fn is_pass(self) -> bool {
        self.0 >= 3
    }

    /// What the grade means, in a few words.
    pub fn meaning(self) -> &'static str {
        Self::MEANINGS[usize::from(self.0)]
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Whether a logged answer was the day's scheduled repetition or a final-drill answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    Review,
    Drill,
}

impl ReviewKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::Review => "review",
            ReviewKind::Drill => "drill",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewKind> {
        match s {
            "review" => Some(ReviewKind::Review),
            "drill" => Some(ReviewKind::Drill),
            _ => None,
        }
    }
}
