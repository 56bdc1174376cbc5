//! Deck rows and per-deck counts.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::model::DeckMeta;

/// A deck with counts, as `recall decks` shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeckSummary {
    pub id: String,
    pub name: String,
    pub source: Option<String>,
    /// Active cards never studied.
    pub new: i64,
    /// Active cards due on or before today.
    pub due: i64,
    /// Active cards studied at least once.
    pub learned: i64,
    /// Cards no longer in the deck file (history kept).
    pub retired: i64,
    /// All active cards.
    pub total: i64,
    /// Active cards suspended (leeches).
    pub suspended: i64,
}

/// Deck metadata by id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<DeckMeta>> {
    Ok(conn
        .query_row(
            "SELECT id, name, source FROM decks WHERE id = ?1",
            [id],
            |r| {
                Ok(DeckMeta {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    source: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Inserts or updates a deck's metadata.
pub fn upsert(conn: &Connection, meta: &DeckMeta, now_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO decks(id, name, source, imported_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, source = excluded.source,
             imported_at = excluded.imported_at",
        (&meta.id, &meta.name, &meta.source, now_ms),
    )?;
    Ok(())
}

/// Counts `n` new cards (no due date, not suspended, not retired) into the
/// deck's `deck_counts`, without reading the deck.
pub fn count_new(conn: &Connection, deck_id: &str, n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO deck_counts(deck_id, due, suspended, n) VALUES (?1, '', 0, ?2)
         ON CONFLICT(deck_id, due, suspended) DO UPDATE SET n = n + excluded.n",
        (deck_id, n as i64),
    )?;
    Ok(())
}

/// Every deck with its counts for `today`, ordered by id. Reads the
/// trigger-maintained `deck_counts` (a few rows per deck), not the cards.
pub fn summaries(conn: &Connection, today: NaiveDate) -> Result<Vec<DeckSummary>> {
    let today = today.format("%Y-%m-%d").to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.name, d.source,
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due = ''), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due != ''
                      AND k.due <= ?1 AND k.suspended = 0), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due != ''), 0),
            (SELECT COUNT(*) FROM cards c WHERE c.deck_id = d.id AND c.retired = 1),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.suspended = 1), 0)
         FROM decks d ORDER BY d.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        Ok(DeckSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            source: r.get(2)?,
            new: r.get(3)?,
            due: r.get(4)?,
            learned: r.get(5)?,
            retired: r.get(6)?,
            total: r.get(7)?,
            suspended: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
