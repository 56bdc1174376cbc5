//! `recall stats` for decks that use FSRS: the retention FSRS predicts for
//! today and each studied card's retrievability today (the probability of
//! recalling it now), from its memory and the days since its last review.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::fsrs_scheduler::{self, FsrsCard};
use crate::scheduler::CardState;
use crate::storage::cards::{day_str, parse_day};
use crate::storage::deck_scheduler;

/// One FSRS deck's predictions for today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FsrsDeck {
    pub deck: String,
    /// The deck's desired retention.
    pub desired_retention: f64,
    /// Mean retrievability today of the deck's studied active cards (null
    /// when none has been studied).
    pub predicted_retention: Option<f64>,
    /// Studied active cards, lowest retrievability first.
    pub cards: Vec<CardRecall>,
}

/// A card's retrievability today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardRecall {
    pub card: String,
    pub retrievability: f64,
    pub stability: f64,
    pub difficulty: f64,
    pub due: Option<String>,
}

/// The FSRS decks among `deck` (or all decks), with their predictions.
pub fn collect(conn: &Connection, deck: Option<&str>, today: NaiveDate) -> Result<Vec<FsrsDeck>> {
    let mut out = Vec::new();
    for id in deck_scheduler::fsrs_decks(conn)? {
        if deck.is_some_and(|d| d != id) {
            continue;
        }
        let settings = deck_scheduler::get(conn, &id)?;
        let decay = settings.decay();
        let mut stmt = conn.prepare(
            "SELECT c.key, s.interval, s.due, s.stability, s.difficulty FROM card_state s
             JOIN cards c ON c.id = s.card_id
             WHERE s.deck_id = ?1 AND s.retired = 0 AND s.stability IS NOT NULL
               AND s.difficulty IS NOT NULL AND s.due IS NOT NULL",
        )?;
        let mut rows = stmt.query([&id])?;
        let mut cards = Vec::new();
        while let Some(r) = rows.next()? {
            let due: String = r.get(2)?;
            let due = parse_day(&due)?;
            let (stability, difficulty): (f64, f64) = (r.get(3)?, r.get(4)?);
            let card = FsrsCard {
                live: CardState {
                    interval: r.get(1)?,
                    due: Some(due),
                    ..CardState::NEW
                },
                sm2_interval: 0,
                sm2_due: None,
                memory: None,
            };
            let elapsed = card
                .last_review()
                .map_or(0, |l| fsrs_scheduler::days_between(l, today));
            cards.push(CardRecall {
                card: r.get(0)?,
                retrievability: fsrs_scheduler::retrievability(
                    stability,
                    f64::from(elapsed),
                    decay,
                ),
                stability,
                difficulty,
                due: Some(day_str(due)),
            });
        }
        cards.sort_by(|a, b| {
            a.retrievability
                .total_cmp(&b.retrievability)
                .then_with(|| a.card.cmp(&b.card))
        });
        let predicted = (!cards.is_empty())
            .then(|| cards.iter().map(|c| c.retrievability).sum::<f64>() / cards.len() as f64);
        out.push(FsrsDeck {
            deck: id,
            desired_retention: settings.retention,
            predicted_retention: predicted,
            cards,
        });
    }
    Ok(out)
}

/// Cards listed one by one in the text report (more: `--json`).
const SHOWN: usize = 20;

/// The FSRS part of the text report (empty when no deck uses FSRS).
pub fn text(decks: &[FsrsDeck]) -> String {
    let mut out = String::new();
    for d in decks {
        out.push_str(&format!(
            "\nFSRS, deck {} (desired retention {:.0}%): ",
            d.deck,
            d.desired_retention * 100.0
        ));
        match d.predicted_retention {
            None => out.push_str("no card studied yet\n"),
            Some(p) => {
                out.push_str(&format!(
                    "predicted retention today {:.1}% over {} studied card{}\n",
                    p * 100.0,
                    d.cards.len(),
                    if d.cards.len() == 1 { "" } else { "s" }
                ));
                out.push_str("  retrievability today (lowest first):\n");
                for c in d.cards.iter().take(SHOWN) {
                    out.push_str(&format!(
                        "  {:>5.1}%  {}  (stability {:.1} d, difficulty {:.1}, due {})\n",
                        c.retrievability * 100.0,
                        c.card,
                        c.stability,
                        c.difficulty,
                        c.due.as_deref().unwrap_or("-")
                    ));
                }
                if d.cards.len() > SHOWN {
                    out.push_str(&format!(
                        "  … and {} more (every card: `recall stats {} --json`)\n",
                        d.cards.len() - SHOWN,
                        d.deck
                    ));
                }
            }
        }
    }
    out
}
