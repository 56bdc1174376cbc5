//! A member's [`Summary`] for one deck, read from their database: card
//! states, the last scheduled review of each card, and the per-item results
//! of typed answers to list cards. Nothing else leaves the database: no
//! typed text, no times finer than a study day, no other deck.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::summary::{
    card_hash, deck_hash, CardProgress, DeckRef, ItemProgress, Member, Summary, FORMAT, KIND,
    SCHEDULER,
};
use crate::error::{Error, Result};
use crate::fsrs_scheduler;
use crate::model::Deck;
use crate::storage::cards::{self, day_str, parse_day};
use crate::storage::{deck_scheduler, decks};

/// Collects the summary of `deck_id` on `today` for the member `member`.
pub fn collect(
    conn: &Connection,
    deck_id: &str,
    today: NaiveDate,
    member: Member,
) -> Result<Summary> {
    let meta = decks::get(conn, deck_id)?
        .ok_or_else(|| Error::NotFound(format!("no deck '{deck_id}' (see `recall decks`)")))?;
    let stored: Vec<_> = cards::deck_cards(conn, deck_id)?
        .into_iter()
        .filter(|c| !c.retired)
        .collect();
    let last = last_reviews(conn, deck_id)?;
    // an FSRS deck's summary carries each card's probability of recall today
    let settings = deck_scheduler::get(conn, deck_id)?;
    let fsrs = settings.kind == deck_scheduler::Kind::Fsrs;
    let memories = if fsrs {
        deck_scheduler::memories(conn, Some(deck_id))?
    } else {
        HashMap::new()
    };
    let tally = item_tally(conn, deck_id)?;
    let mut out = Vec::with_capacity(stored.len());
    for c in &stored {
        let (last_grade, days_since) = match last.get(&c.rowid) {
            Some((grade, day)) => (
                Some(*grade),
                parse_day(day)
                    .ok()
                    .map(|d| (today - d).num_days().clamp(0, 1_000_000) as u32),
            ),
            None => (None, None),
        };
        let items = if c.content.kind.has_items() {
            c.content
                .items
                .iter()
                .map(|item| {
                    let (attempts, misses) = tally
                        .get(&(c.rowid, item.clone()))
                        .copied()
                        .unwrap_or((0, 0));
                    ItemProgress {
                        item: item.clone(),
                        attempts,
                        misses,
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let count = |v: i64| v.clamp(0, 1_000_000) as u32;
        out.push(CardProgress {
            id: c.content.id.clone(),
            hash: card_hash(&c.content),
            source: c.content.source.clone(),
            reps: count(c.state.reps),
            lapses: count(c.state.lapses),
            interval: count(c.state.interval),
            ef: Some(c.state.ef.clamp(1300, 1_000_000) as u32),
            retrievability: memories.get(&c.rowid).map(|m| {
                fsrs_scheduler::retrievability(
                    m.stability,
                    f64::from(days_since.unwrap_or(0)),
                    settings.decay(),
                )
            }),
            last_grade,
            days_since,
            items,
        });
    }
    let deck = Deck {
        meta,
        cards: stored.into_iter().map(|c| c.content).collect(),
    };
    Ok(Summary {
        format: FORMAT,
        kind: KIND.into(),
        date: day_str(today),
        member,
        deck: DeckRef {
            id: deck.meta.id.clone(),
            name: deck.meta.name.clone(),
            hash: deck_hash(&deck),
        },
        scheduler: if fsrs { "fsrs" } else { SCHEDULER }.into(),
        cards: out,
    })
}

/// Each active card's last scheduled review: (grade, study day), by row id.
fn last_reviews(conn: &Connection, deck_id: &str) -> Result<HashMap<i64, (u8, String)>> {
    let mut stmt = conn.prepare(
        "SELECT r.card_id, r.grade, r.day FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE c.deck_id = ?1 AND c.retired = 0 AND r.kind = 'review' ORDER BY r.id",
    )?;
    let mut last = HashMap::new();
    let mut rows = stmt.query([deck_id])?;
    while let Some(r) = rows.next()? {
        last.insert(r.get::<_, i64>(0)?, (r.get::<_, u8>(1)?, r.get(2)?));
    }
    Ok(last)
}

/// (attempts, misses) per (card row id, item) over every typed answer to
/// the deck's list cards that was graded item by item (final-drill answers
/// too, as in `recall stats`). An item is missed when not fully found.
fn item_tally(conn: &Connection, deck_id: &str) -> Result<HashMap<(i64, String), (u32, u32)>> {
    #[derive(serde::Deserialize)]
    struct Item {
        expected: String,
        credit: f64,
    }
    let mut stmt = conn.prepare(
        "SELECT r.card_id, r.detail FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE c.deck_id = ?1 AND c.retired = 0 AND c.kind IN ('list', 'outline')
           AND r.detail IS NOT NULL",
    )?;
    let mut tally: HashMap<(i64, String), (u32, u32)> = HashMap::new();
    let mut rows = stmt.query([deck_id])?;
    while let Some(r) = rows.next()? {
        let (card, detail): (i64, String) = (r.get(0)?, r.get(1)?);
        let Ok(items) = serde_json::from_str::<Vec<Item>>(&detail) else {
            continue;
        };
        for it in items {
            let e = tally.entry((card, it.expected)).or_default();
            e.0 = e.0.saturating_add(1);
            if it.credit < 1.0 {
                e.1 = e.1.saturating_add(1);
            }
        }
    }
    Ok(tally)
}
